import Database
import Synchronization

/// A database that counts the statements run through it, to check that a request's queries stay bounded.
final class CountingDatabase: Database {
    let base: any Database
    let count = Mutex(0)

    init(_ base: any Database) {
        self.base = base
    }

    var dialect: SQLDialect { self.base.dialect }

    /// Runs `body` and returns how many statements it ran here.
    func statements(during body: () async throws -> Void) async rethrows -> Int {
        let before = self.count.withLock { $0 }
        try await body()
        return self.count.withLock { $0 } - before
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (any DatabaseConnection) throws -> T) async throws -> T {
        try await self.base.read { connection in try body(CountingConnection(base: connection, owner: self)) }
    }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any DatabaseConnection) throws -> T) async throws -> T {
        try await self.base.transaction { connection in try body(CountingConnection(base: connection, owner: self)) }
    }

    func close() async {
        await self.base.close()
    }
}

private struct CountingConnection: DatabaseConnection {
    let base: any DatabaseConnection
    let owner: CountingDatabase

    var dialect: SQLDialect { self.base.dialect }

    func query(_ sql: String, _ binds: [SQLValue]) throws -> [Row] {
        self.owner.count.withLock { $0 += 1 }
        return try self.base.query(sql, binds)
    }

    func execute(_ sql: String, _ binds: [SQLValue]) throws -> Int {
        self.owner.count.withLock { $0 += 1 }
        return try self.base.execute(sql, binds)
    }

    func executeScript(_ sql: String) throws {
        self.owner.count.withLock { $0 += 1 }
        try self.base.executeScript(sql)
    }
}
