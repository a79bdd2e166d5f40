import Database
import Foundation
import HTTPServer
import Platform
import Synchronization
import Testing

@testable import ProjectService

/// The databases the endpoint tests run on: SQLite always, PostgreSQL when `CAIRN_TEST_DATABASE_URL` names a
/// server such as `postgres://postgres@127.0.0.1:5432/postgres`.
enum Backend: String, Sendable, CustomStringConvertible {
    case sqlite
    case postgres

    static let postgresServerURL = ProcessInfo.processInfo.environment["CAIRN_TEST_DATABASE_URL"].flatMap {
        $0.isEmpty ? nil : $0
    }

    static var available: [Backend] {
        self.postgresServerURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    var description: String { self.rawValue }
}

/// A caller as the authentication middleware would set it.
struct TestUser: Sendable {
    let id: String
    let isAdmin: Bool

    var authenticated: AuthenticatedUser {
        AuthenticatedUser(
            id: self.id,
            email: "\(self.id)@example.com",
            username: "u\(self.id.prefix(8))",
            roles: self.isAdmin ? ["admin"] : [],
            issuedAt: 0
        )
    }
}

/// A response decoded for assertions.
struct Reply: Sendable, CustomStringConvertible {
    let status: Int
    let json: JSONValue

    var data: JSONValue { self.json["data"] ?? .null }
    var items: [JSONValue] {
        guard case .array(let items)? = self.json["data"] else { return [] }
        return items
    }
    var errorCode: String? {
        guard case .string(let code)? = self.json["error"]?["code"] else { return nil }
        return code
    }
    /// Returns the validation messages for `field`.
    func details(_ field: String) -> [JSONValue] {
        guard case .array(let messages)? = self.json["error"]?["details"]?[field] else { return [] }
        return messages
    }
    var nextCursor: String? {
        guard case .string(let cursor)? = self.json["meta"]?["next_cursor"] else { return nil }
        return cursor
    }

    var description: String {
        "\(self.status) \(String(decoding: self.json.serialized(), as: UTF8.self))"
    }
}

/// Every event relayed on the bus during a test.
final class EventLog: Sendable {
    let events = Mutex<[Event]>([])

    func of(_ type: String) -> [Event] {
        self.events.withLock { $0.filter { $0.type == type } }
    }
}

/// A projects service on a fresh database with fake users and tasks services, driven through its routes.
final class Harness: Sendable {
    static let eventTypes = [
        "project.created", "project.updated", "project.deleted", "project.member_added", "project.member_removed",
        "project.member_role_changed", "milestone.created", "milestone.updated", "milestone.deleted",
    ]

    let service: ProjectService
    let router: Router
    let directory: FakeDirectory
    let taskClient: FakeTasks
    let events: EventLog
    /// Delivered after every call, so tests see the events a request wrote.
    let relay: OutboxRelay
    let database: CountingDatabase
    /// Whether the service finds a tasks client; the service looks it up on each use.
    let tasksAvailable: Flag

    private init(database: any Database) async throws {
        _ = try await Migrator(service: "projects").migrate(database, ProjectService.migrations(for: database.dialect))
        let counting = CountingDatabase(database)

        let bus = InProcessEventBus()
        let events = EventLog()
        for type in Self.eventTypes {
            bus.subscribe(to: type, consumer: "test") { event in events.events.withLock { $0.append(event) } }
        }
        let relay = OutboxRelay(database: database, bus: bus, service: "projects")
        self.relay = relay
        let context = ServiceContext(
            settings: Settings(),
            database: counting,
            bus: bus,
            relay: relay,
            mailer: FileMailer(directory: FileManager.default.temporaryDirectory.path, from: "test@example.com"),
            signer: JWTSigner(secret: [UInt8](repeating: 7, count: 32)),
            revocations: TokenRevocations(),
            blockingPool: BlockingPool(threadCount: 1, name: "project-tests"),
            rateLimiter: InMemoryRateLimiter(),
            logger: Logger(label: "test", minimumLevel: .critical)
        )

        let directory = FakeDirectory()
        let taskClient = FakeTasks()
        let tasksAvailable = Flag(true)
        self.directory = directory
        self.taskClient = taskClient
        self.events = events
        self.database = counting
        self.tasksAvailable = tasksAvailable
        self.service = ProjectService(context: context, users: directory) {
            tasksAvailable.value ? taskClient : nil
        }

        var router = Router()
        self.service.addRoutes(to: &router)
        self.router = router
    }

    /// Runs `body` with a harness on a new, empty database of `backend`, removed afterwards.
    static func with(_ backend: Backend, _ body: (Harness) async throws -> Void) async throws {
        switch backend {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cairn-projects-\(UUID())")
            defer { try? FileManager.default.removeItem(at: directory) }
            let database = try SQLiteDatabase(path: directory.appendingPathComponent("project.sqlite3").path)
            try await self.run(database, body)
        case .postgres:
            let serverURL = try #require(Backend.postgresServerURL)
            let name =
                "cairn_projects_test_"
                + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
            try PostgresDatabase.createDatabaseIfMissing(serverURL: serverURL, name: name)
            var components = try #require(URLComponents(string: serverURL))
            components.path = "/" + name
            let database = try PostgresDatabase(url: try #require(components.string), poolSize: 2)
            do {
                try await self.run(database, body)
            } catch {
                try? await self.drop(name, serverURL: serverURL)
                throw error
            }
            try await self.drop(name, serverURL: serverURL)
        }
    }

    private static func run(_ database: any Database, _ body: (Harness) async throws -> Void) async throws {
        do {
            try await body(try await Harness(database: database))
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }

    private static func drop(_ name: String, serverURL: String) async throws {
        let server = try PostgresDatabase(url: serverURL, poolSize: 1)
        try? await server.read { connection in
            try connection.executeScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        }
        await server.close()
    }

    /// Registers a new user with the fake users service.
    func user(admin: Bool = false) -> TestUser {
        TestUser(id: self.directory.addUser(), isAdmin: admin)
    }

    /// Sends a request as `user` through the router; `path` may carry a query string.
    func call(_ method: String, _ path: String, as user: TestUser, body: JSONValue? = nil) async throws -> Reply {
        let parts = path.split(separator: "?", maxSplits: 1)
        var request = Request(
            method: method,
            path: String(parts[0]),
            rawQuery: parts.count > 1 ? String(parts[1]) : "",
            headers: HTTPHeaders([("content-type", "application/json")]),
            body: body.map { $0.serialized() } ?? []
        )
        request.user = user.authenticated
        guard case .found(let route, let parameters) = self.router.match(method: method, path: request.path) else {
            Issue.record("No route for \(method) \(path)")
            return Reply(status: 404, json: .null)
        }
        request.pathParameters = parameters
        let response: Response
        do {
            response = try await route.handler(request)
        } catch let error as HTTPError {
            response = error.response
        }
        await self.relay.relayPending()
        let json = response.body.isEmpty ? JSONValue.null : try JSONParser().parse(response.body)
        return Reply(status: response.status.rawValue, json: json)
    }

    /// Creates a project as `user` and returns its id; `fields` are added to the body.
    func createProject(as user: TestUser, _ fields: [String: JSONValue] = [:]) async throws -> String {
        var body: JSONObject = ["name": .string("Project \(UUID().uuidString.prefix(6))")]
        for (key, value) in fields { body[key] = value }
        let reply = try await self.call("POST", "/api/v1/projects", as: user, body: .object(body))
        try #require(reply.status == 201, "\(reply)")
        return try #require(reply.data["id"].flatMap { if case .string(let id) = $0 { id } else { nil } })
    }

    /// Adds `member` to the project as `role`, acting as `owner`.
    func addMember(_ member: TestUser, role: String, to projectID: String, by owner: TestUser) async throws {
        let reply = try await self.call(
            "POST",
            "/api/v1/projects/\(projectID)/members",
            as: owner,
            body: ["user_id": .string(member.id), "role": .string(role)]
        )
        try #require(reply.status == 201, "\(reply)")
    }
}

/// A Boolean shared between a test and the service under test.
final class Flag: Sendable {
    private let state: Mutex<Bool>

    init(_ value: Bool) {
        self.state = Mutex(value)
    }

    var value: Bool {
        get { self.state.withLock { $0 } }
        set { self.state.withLock { $0 = newValue } }
    }
}

extension JSONValue {
    /// The string value, or nil for any other kind.
    var text: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}

extension Optional where Wrapped == JSONValue {
    var text: String? { self?.text }
}
