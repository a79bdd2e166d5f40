import Database
import Foundation
import HTTPServer
import Platform
import Testing

@testable import TaskService

/// The databases the tests run on: SQLite always, PostgreSQL when `CAIRN_TEST_DATABASE_URL` names a server.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    static let postgresServerURL = ProcessInfo.processInfo.environment["CAIRN_TEST_DATABASE_URL"].flatMap {
        $0.isEmpty ? nil : $0
    }

    /// SQLite, plus PostgreSQL when a server is configured.
    static let available: [Backend] = Self.postgresServerURL == nil ? [.sqlite] : [.sqlite, .postgres]

    var testDescription: String { self.rawValue }
}

/// A response as a test reads it: the status and the parsed JSON body (null for an empty body).
struct TestResponse {
    var status: Int
    var json: JSONValue

    var data: JSONValue { self.json["data"] ?? .null }
    var errorCode: String? {
        guard case .string(let code)? = self.json["error"]?["code"] else { return nil }
        return code
    }

    /// Returns the messages of `details[field]` in an error envelope.
    func details(_ field: String) -> [String] {
        guard case .array(let items)? = self.json["error"]?["details"]?[field] else { return [] }
        return items.compactMap { if case .string(let text) = $0 { text } else { nil } }
    }
}

/// A tasks service on a fresh database with in-memory projects and users services, driven through its router.
final class TaskHarness: Sendable {
    static let blockingPool = BlockingPool(threadCount: 1, name: "task-tests")

    let service: TaskService
    let router: Router
    let database: any Database
    let projects: FakeProjects
    let users: FakeUsers
    let bus: InProcessEventBus

    private init(database: any Database) async throws {
        self.database = database
        self.projects = FakeProjects()
        self.users = FakeUsers()
        self.bus = InProcessEventBus()
        let context = ServiceContext(
            settings: Settings(),
            database: database,
            bus: self.bus,
            relay: OutboxRelay(database: database, bus: self.bus, service: "tasks"),
            mailer: FileMailer(directory: FileManager.default.temporaryDirectory.path, from: "test@example.com"),
            signer: JWTSigner(secret: Array(repeating: 7, count: 32)),
            revocations: TokenRevocations(),
            blockingPool: Self.blockingPool,
            rateLimiter: InMemoryRateLimiter(),
            logger: Logger(label: "task-tests", minimumLevel: .critical)
        )
        let projects = self.projects
        self.service = TaskService(context: context, projects: projects, users: self.users) { userID in
            projects.visibleProjectIDs(of: userID)
        }
        try await Migrator(service: "tasks").migrate(database, TaskService.migrations(for: database.dialect))
        try await self.service.start()
        var router = Router()
        self.service.addRoutes(to: &router)
        self.router = router
    }

    /// Runs `body` with a harness on a new database of `backend`, removed afterwards.
    static func with(_ backend: Backend, _ body: (TaskHarness) async throws -> Void) async throws {
        switch backend {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "cairn-tasks-\(UUID().uuidString)"
            )
            defer { try? FileManager.default.removeItem(at: directory) }
            let database = try SQLiteDatabase(path: directory.appendingPathComponent("task.sqlite3").path)
            try await self.run(database, body)
        case .postgres:
            let serverURL = try #require(Self.postgresURL)
            let name =
                "cairn_tasks_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
            try PostgresDatabase.createDatabaseIfMissing(serverURL: serverURL, name: String(name))
            var components = try #require(URLComponents(string: serverURL))
            components.path = "/" + name
            let database = try PostgresDatabase(url: try #require(components.string), poolSize: 4)
            do {
                try await self.run(database, body)
            } catch {
                try? await self.drop(String(name), serverURL: serverURL)
                throw error
            }
            try await self.drop(String(name), serverURL: serverURL)
        }
    }

    private static var postgresURL: String? { Backend.postgresServerURL }

    private static func run(_ database: any Database, _ body: (TaskHarness) async throws -> Void) async throws {
        do {
            try await body(try await TaskHarness(database: database))
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

    /// Sends a request as `user` through the router, turning thrown `HTTPError`s into envelopes as the
    /// pipeline does. Any other error fails the test, because the API never returns 500 on purpose.
    func call(
        _ method: String,
        _ path: String,
        query: String = "",
        body: JSONValue? = nil,
        as user: AuthenticatedUser
    ) async throws -> TestResponse {
        var request = Request(
            method: method,
            path: path,
            rawQuery: query,
            headers: HTTPHeaders([("content-type", "application/json")]),
            body: body.map { $0.serialized() } ?? []
        )
        request.user = user
        let response: Response
        switch self.router.match(method: method, path: path) {
        case .found(let route, let parameters):
            request.pathParameters = parameters
            do {
                response = try await route.handler(request)
            } catch let error as HTTPError {
                response = error.response
            }
        case .methodNotAllowed(let allowed):
            response = HTTPError.methodNotAllowed(allowed: allowed).response
        case .notFound:
            response = HTTPError.notFound().response
        }
        let json = response.body.isEmpty ? JSONValue.null : try JSONParser().parse(response.body)
        return TestResponse(status: response.status.rawValue, json: json)
    }

    /// Creates a task through the API and returns its JSON, failing the test unless the status is 201.
    ///
    /// Waits two milliseconds afterwards, so tasks created one after another never share a `created_at` and
    /// orderings by creation time are predictable.
    @discardableResult
    func createTask(_ fields: JSONObject, as user: AuthenticatedUser) async throws -> JSONValue {
        let response = try await self.call("POST", "/api/v1/tasks", body: .object(fields), as: user)
        #expect(response.status == 201, "creating a task answered \(response.json)")
        try await Task.sleep(for: .milliseconds(2))
        return response.data
    }

    /// Loads the data of the outbox events of `type`, oldest first.
    func outboxEvents(_ type: String) async throws -> [JSONObject] {
        let texts = try await self.database.read { connection in
            try connection.query("SELECT data FROM outbox WHERE type = $1 ORDER BY sequence", [.text(type)])
                .map { try $0.decode("data", as: String.self) }
        }
        return try texts.map { text in
            guard case .object(let object) = try JSONParser().parse(Array(text.utf8)) else { return JSONObject() }
            return object
        }
    }
}

/// Test users and ids.
enum Fixture {
    static func user(_ name: String, admin: Bool = false) -> AuthenticatedUser {
        AuthenticatedUser(
            id: UUID().uuidString.lowercased(),
            email: "\(name)@example.com",
            username: name,
            roles: admin ? ["admin"] : [],
            issuedAt: Int64(Date().timeIntervalSince1970)
        )
    }

    static func id() -> String {
        UUID().uuidString.lowercased()
    }
}

extension JSONValue {
    /// The text of a string value, or nil.
    var text: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The number of an integer value, or nil.
    var integer: Int64? {
        if case .int(let number) = self { return number }
        return nil
    }

    /// The items of an array value, or empty.
    var items: [JSONValue] {
        if case .array(let items) = self { return items }
        return []
    }
}
