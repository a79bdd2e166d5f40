/// A PostgreSQL database reached through a fixed pool of libpq connections, one thread each.
///
/// Reads and transactions share the pool. Results use the text format; `SQLValue` and
/// `Row.decode` convert uuid, boolean, integer, float, bytea and timestamptz values.
public final class PostgresDatabase: Database {
    public let dialect = SQLDialect.postgres
    private let pool: ConnectionPool<PostgresConnection>

    /// Parses `url` (`postgres://user:pass@host:port/db?sslmode=…`) and opens the first connection.
    ///
    /// The other `poolSize - 1` connections open on their first job, so that an idle service keeps
    /// one connection open. Blocks while connecting. Throws `DatabaseError` with code `.connectionFailed`
    /// if the URL is invalid or the server cannot be reached.
    public init(url: String, poolSize: Int = 8) throws {
        precondition(poolSize >= 1, "poolSize must be at least 1")
        let settings = try PostgresConnectionSettings(url: url)
        var connections = [try PostgresConnection(settings: settings, connectNow: true)]
        for _ in 1..<poolSize {
            connections.append(try PostgresConnection(settings: settings, connectNow: false))
        }
        self.pool = ConnectionPool(connections: connections, name: "postgres-" + (settings.databaseName ?? "default"))
    }

    deinit {
        self.pool.shutDown()
    }

    @discardableResult
    public func read<T: Sendable>(_ body: @escaping @Sendable (any DatabaseConnection) throws -> T) async throws -> T {
        try await self.pool.run(transaction: false, body)
    }

    @discardableResult
    public func transaction<T: Sendable>(
        _ body: @escaping @Sendable (any DatabaseConnection) throws -> T
    ) async throws -> T {
        try await self.pool.run(transaction: true, body)
    }

    public func close() async {
        await self.pool.close()
    }
}

extension PostgresDatabase {
    /// Creates the database `name` on the server at `serverURL` unless it exists.
    ///
    /// Connects to the server's `postgres` database with the URL's user and password, and blocks
    /// while it works, so call it at startup. Another process that creates the same database at
    /// the same time is not an error. Throws `.invalidQuery` unless `name` is 1 to 63 characters
    /// of `[a-z0-9_]`, which keeps the unquotable name safe to splice into `CREATE DATABASE`.
    public static func createDatabaseIfMissing(serverURL: String, name: String) throws {
        let allowed = name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
        guard allowed, (1...63).contains(name.utf8.count) else {
            throw DatabaseError(
                .invalidQuery,
                message: "invalid database name \"\(name)\"; use 1 to 63 characters of a-z, 0-9 and _"
            )
        }

        let settings = try PostgresConnectionSettings(url: serverURL).with(databaseName: "postgres")
        let connection = try PostgresConnection(settings: settings, connectNow: true)
        defer { connection.close() }

        let existing = try connection.queryFirst(
            "SELECT 1 AS present FROM pg_catalog.pg_database WHERE datname = $1",
            [.text(name)]
        )
        guard existing == nil else {
            return
        }
        do {
            try connection.executeScript("CREATE DATABASE \"\(name)\"")
        } catch let error as DatabaseError where error.nativeCode == "42P04" || error.code == .uniqueViolation {
            // 42P04 duplicate_database, or a unique violation in pg_database: another process won the race.
        }
    }
}
