import Foundation

/// Applies a service's migrations and records them in `schema_migrations`.
///
/// Each migration runs in its own transaction together with its `schema_migrations` row, so a
/// failed migration leaves no trace and the next run retries it. Several processes may migrate
/// the same database at once: on PostgreSQL every migration transaction first takes a
/// transaction-level advisory lock keyed by the service name, and on SQLite the single writer
/// and `BEGIN IMMEDIATE` serialise them. Each transaction rechecks the version under the lock, so
/// a version applied by another process in the meantime is skipped.
///
/// NOTE: a migration runs inside a transaction, so statements that PostgreSQL refuses in a
/// transaction block (such as `CREATE INDEX CONCURRENTLY`) cannot be used.
public struct Migrator: Sendable {
    /// The service whose migrations this is; it keys the PostgreSQL advisory lock.
    public let service: String

    public init(service: String) {
        self.service = service
    }

    /// Applies every migration that the database lacks, in ascending version order, and
    /// returns the versions that this call applied.
    ///
    /// Throws `DatabaseError` with code `.invalidQuery` for duplicate or non-positive versions,
    /// and rethrows the first failing migration's error after rolling that migration back.
    @discardableResult
    public func migrate(_ database: any Database, _ migrations: [Migration]) async throws -> [Int] {
        let ordered = try Self.validated(migrations)
        let lockKey = self.advisoryLockKey
        let dialect = database.dialect

        try await database.transaction { connection in
            try Self.lock(connection, key: lockKey)
            try connection.executeScript(Self.createTableSQL(dialect))
        }

        let alreadyApplied = try await self.appliedVersions(database)
        var applied = [Int]()
        for migration in ordered where !alreadyApplied.contains(migration.version) {
            let didApply = try await database.transaction { connection in
                try Self.lock(connection, key: lockKey)
                let existing = try connection.queryFirst(
                    "SELECT version FROM schema_migrations WHERE version = $1",
                    [.int(migration.version)]
                )
                guard existing == nil else {
                    return false
                }
                try connection.executeScript(migration.sql)
                try connection.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                    [.int(migration.version), .text(migration.name), .date(Date())]
                )
                return true
            }
            if didApply {
                applied.append(migration.version)
            }
        }
        return applied
    }

    /// Returns the versions in `migrations` that the database has not applied yet, in ascending order.
    public func pendingVersions(_ database: any Database, _ migrations: [Migration]) async throws -> [Int] {
        let ordered = try Self.validated(migrations)
        let applied = try await self.appliedVersions(database)
        return ordered.map(\.version).filter { !applied.contains($0) }
    }

    /// Reads the versions recorded in `schema_migrations`, which are none if the table does not exist yet.
    private func appliedVersions(_ database: any Database) async throws -> Set<Int> {
        let existsSQL: String =
            switch database.dialect {
            case .sqlite:
                "SELECT count(*) AS present FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
            case .postgres:
                "SELECT count(*) AS present FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = 'schema_migrations'"
            }
        return try await database.read { connection in
            guard try connection.queryFirst(existsSQL)?.decode("present", as: Int.self) ?? 0 > 0 else {
                return []
            }
            let rows = try connection.query("SELECT version FROM schema_migrations")
            return Set(try rows.map { try $0.decode("version", as: Int.self) })
        }
    }

    private static func createTableSQL(_ dialect: SQLDialect) -> String {
        let timestampType = dialect == .sqlite ? "TEXT" : "timestamptz"
        return
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at \(timestampType) NOT NULL)"
    }

    /// Takes the service's advisory lock until the transaction ends; SQLite needs none because
    /// `BEGIN IMMEDIATE` already holds the database's write lock.
    private static func lock(_ connection: any DatabaseConnection, key: Int64) throws {
        if connection.dialect == .postgres {
            try connection.execute("SELECT pg_advisory_xact_lock($1)", [.integer(key)])
        }
    }

    /// The advisory lock key: the 64-bit FNV-1a hash of the service name's UTF-8 bytes, which
    /// stays the same across processes and releases, unlike `Hasher`.
    var advisoryLockKey: Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in self.service.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }

    private static func validated(_ migrations: [Migration]) throws -> [Migration] {
        let ordered = migrations.sorted { $0.version < $1.version }
        for (index, migration) in ordered.enumerated() {
            guard migration.version > 0 else {
                throw DatabaseError(
                    .invalidQuery,
                    message:
                        "migration \"\(migration.name)\" has version \(migration.version); versions must be positive"
                )
            }
            if index > 0, ordered[index - 1].version == migration.version {
                throw DatabaseError(
                    .invalidQuery,
                    message:
                        "migrations \"\(ordered[index - 1].name)\" and \"\(migration.name)\" share version \(migration.version); versions must be unique"
                )
            }
        }
        return ordered
    }
}
