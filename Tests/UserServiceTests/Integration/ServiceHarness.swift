import Database
import Foundation
import HTTPServer
import Platform
import Testing

@testable import UserService

/// The dialects the integration tests run against: SQLite always, PostgreSQL when `CAIRN_TEST_DATABASE_URL`
/// names a server, such as `postgres://postgres@127.0.0.1:5432/postgres`.
enum TestDialects {
    static let postgresServerURL = ProcessInfo.processInfo.environment["CAIRN_TEST_DATABASE_URL"]
        .flatMap { $0.isEmpty ? nil : $0 }

    static let enabled: [SQLDialect] = {
        var dialects: [SQLDialect] = [.sqlite]
        if postgresServerURL != nil {
            dialects.append(.postgres)
        }
        return dialects
    }()
}

/// A users service on a new, migrated database, driven through its router without a socket.
final class ServiceHarness: Sendable {
    let router: Router
    let database: any Database
    let bus: InProcessEventBus
    /// Delivered after every request, so tests see the events a request wrote.
    let relay: OutboxRelay
    private let cleanup: @Sendable () async -> Void

    private init(
        router: Router,
        database: any Database,
        bus: InProcessEventBus,
        relay: OutboxRelay,
        cleanup: @escaping @Sendable () async -> Void
    ) {
        self.relay = relay
        self.router = router
        self.database = database
        self.bus = bus
        self.cleanup = cleanup
    }

    /// Creates a database of `dialect`, migrates it and starts the service on it.
    static func start(_ dialect: SQLDialect) async throws -> ServiceHarness {
        let (database, cleanup) = try Self.makeDatabase(dialect)
        _ = try await Migrator(service: "users").migrate(database, UserService.migrations(for: dialect))

        let bus = InProcessEventBus()
        let relay = OutboxRelay(database: database, bus: bus, service: "users")
        let context = ServiceContext(
            settings: Settings(),
            database: database,
            bus: bus,
            relay: relay,
            mailer: FileMailer(directory: FileManager.default.temporaryDirectory.path, from: "test@localhost"),
            signer: JWTSigner(secret: Array("users-service-tests-with-a-32-byte-key".utf8)),
            revocations: TokenRevocations(),
            blockingPool: BlockingPool(threadCount: 1, name: "users-tests"),
            rateLimiter: InMemoryRateLimiter(),
            logger: Logger(label: "users-tests", minimumLevel: .critical)
        )
        let service = UserService(context: context)
        var router = Router()
        service.addRoutes(to: &router)
        try await service.start()
        return ServiceHarness(router: router, database: database, bus: bus, relay: relay, cleanup: cleanup)
    }

    /// Closes the database and deletes it.
    func stop() async {
        await self.database.close()
        await self.cleanup()
    }

    /// Sends a request as `user` and returns the status and the parsed body, nil for an empty body.
    func send(
        _ method: String,
        _ target: String,
        as user: AuthenticatedUser?,
        _ body: JSONValue? = nil
    ) async -> (status: Int, body: JSONValue?) {
        let parts = target.split(separator: "?", maxSplits: 1)
        var request = Request(
            method: method,
            path: String(parts[0]),
            rawQuery: parts.count > 1 ? String(parts[1]) : "",
            headers: HTTPHeaders(body == nil ? [] : [("content-type", "application/json")]),
            body: body?.serialized() ?? []
        )
        request.user = user

        guard case .found(let route, let parameters) = self.router.match(method: method, path: request.path) else {
            Issue.record("No route for \(method) \(request.path)")
            return (0, nil)
        }
        request.pathParameters = parameters
        let response: Response
        do {
            response = try await route.handler(request)
        } catch let error as HTTPError {
            response = error.response
        } catch {
            Issue.record("\(method) \(target) failed with a non-HTTP error: \(error)")
            return (500, nil)
        }
        await self.relay.relayPending()
        guard !response.body.isEmpty else { return (response.status.rawValue, nil) }
        return (response.status.rawValue, try? JSONParser().parse(response.body))
    }

    /// Publishes `user.registered` for `user` the way the auth service does.
    func register(_ user: AuthenticatedUser, firstName: String?, lastName: String?, eventID: String? = nil) async throws
    {
        let data: JSONObject = [
            "user_id": .string(user.id), "email": .string(user.email), "username": .string(user.username),
            "first_name": .string(firstName), "last_name": .string(lastName),
        ]
        let event = Event(
            id: eventID ?? UUIDv7.make().uuidString.lowercased(),
            type: "user.registered",
            producer: "auth",
            actorID: user.id,
            data: data
        )
        try await self.bus.publish(event)
    }

    /// Returns the types of the outbox rows, oldest first, and how many are still unsent.
    func outbox() async throws -> (types: [String], unsent: Int) {
        try await self.database.read { connection in
            let rows = try connection.query("SELECT type, sent_at FROM outbox ORDER BY sequence", [])
            let types = try rows.map { try $0.decode("type", as: String.self) }
            let unsent = try rows.filter { try $0.decode("sent_at", as: String?.self) == nil }.count
            return (types, unsent)
        }
    }

    private static func makeDatabase(_ dialect: SQLDialect) throws -> (any Database, @Sendable () async -> Void) {
        switch dialect {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "cairn-users-\(UUID().uuidString)"
            )
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let database = try SQLiteDatabase(path: directory.appendingPathComponent("user.sqlite3").path)
            return (database, { try? FileManager.default.removeItem(at: directory) })
        case .postgres:
            let serverURL = try #require(TestDialects.postgresServerURL)
            let name =
                "cairn_users_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
            try PostgresDatabase.createDatabaseIfMissing(serverURL: serverURL, name: String(name))
            var components = try #require(URLComponents(string: serverURL))
            components.path = "/" + name
            let database = try PostgresDatabase(url: try #require(components.string), poolSize: 2)
            let cleanup: @Sendable () async -> Void = {
                guard let server = try? PostgresDatabase(url: serverURL, poolSize: 1) else { return }
                _ = try? await server.read { connection in try connection.execute("DROP DATABASE \(name)", []) }
                await server.close()
            }
            return (database, cleanup)
        }
    }
}

/// Returns a new caller as the authentication middleware would set it.
func makeCaller(_ username: String, isAdmin: Bool = false) -> AuthenticatedUser {
    AuthenticatedUser(
        id: UUIDv7.make().uuidString.lowercased(),
        email: "\(username)@example.com",
        username: username,
        roles: isAdmin ? ["admin"] : [],
        issuedAt: 0
    )
}

extension Optional where Wrapped == JSONValue {
    /// The `data` array of a list response, empty for anything else.
    var items: [JSONValue] {
        guard case .array(let items)? = self?["data"] else { return [] }
        return items
    }

    /// Returns the values of `field` in the items of a list response.
    func itemValues(_ field: String) -> [String] {
        self.items.compactMap { item in
            guard case .string(let text)? = item[field] else { return nil }
            return text
        }
    }

    /// Returns the string at `data.<field>`.
    func dataString(_ field: String) -> String? {
        guard case .string(let text)? = self?["data"]?[field] else { return nil }
        return text
    }

    /// The `meta.next_cursor` of a list response.
    var nextCursor: String? {
        guard case .string(let text)? = self?["meta"]?["next_cursor"] else { return nil }
        return text
    }

    /// The `error.code` of an error response.
    var errorCode: String? {
        guard case .string(let text)? = self?["error"]?["code"] else { return nil }
        return text
    }

    /// The fields named in `error.details`.
    var errorFields: [String] {
        guard case .object(let details)? = self?["error"]?["details"] else { return [] }
        return details.keys
    }
}
