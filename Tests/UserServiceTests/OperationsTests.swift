import Database
import Foundation
import HTTPServer
import Platform
import Testing

@testable import UserService

@Suite struct OperationsTests {
    @Test func operationsMatchRoutes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cairn-users-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try SQLiteDatabase(path: directory.appendingPathComponent("user.sqlite3").path)
        let bus = InProcessEventBus()
        let service = UserService(
            context: ServiceContext(
                settings: Settings(),
                database: database,
                bus: bus,
                relay: OutboxRelay(database: database, bus: bus, service: "users"),
                mailer: FileMailer(directory: directory.path, from: "test@localhost"),
                signer: JWTSigner(secret: Array("users-service-tests-with-a-32-byte-key".utf8)),
                revocations: TokenRevocations(),
                blockingPool: BlockingPool(threadCount: 1, name: "users-tests"),
                rateLimiter: InMemoryRateLimiter(),
                logger: Logger(label: "users-tests")
            )
        )
        var router = Router()
        service.addRoutes(to: &router)

        let routes = router.routes.map { "\($0.method) \($0.template)" }
        let operations = service.operations.map { "\($0.method) \($0.path)" }
        #expect(routes.count == 23)
        #expect(Set(operations) == Set(routes))
        #expect(operations.count == Set(operations).count)
    }

    @Test func everyOperationDocumentsErrors() {
        let operations =
            ProfileRoutes.operations + DirectoryRoutes.operations + OrganizationRoutes.operations
            + TeamRoutes.operations
        for operation in operations {
            let statuses = operation.responses.map(\.status)
            #expect(statuses.contains(401), "\(operation.method) \(operation.path)")
            #expect(statuses.contains { $0 >= 200 && $0 < 300 }, "\(operation.method) \(operation.path)")
        }
    }
}
