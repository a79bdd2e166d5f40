import Database
import HTTPServer

/// One of Cairn's services as the composition root uses it: its schema, its routes and its event consumers.
public protocol Service: Sendable {
    /// The service's name and, through it, its database name.
    static var name: ServiceName { get }

    /// Returns the numbered migrations for `dialect`, oldest first. A released migration is never edited.
    static func migrations(for dialect: SQLDialect) -> [Migration]

    /// Registers every route of the service.
    func addRoutes(to router: inout Router)

    /// Subscribes consumers and starts background work; called once, after migrations, before serving.
    func start() async throws

    /// Describes the service's operations for the OpenAPI document.
    var operations: [APIOperation] { get }
}

extension Service {
    public func start() async throws {}
}
