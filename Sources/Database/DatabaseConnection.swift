/// A connection that runs statements synchronously on the database thread that owns it.
///
/// A connection is lent to the body of `Database.read` or `Database.transaction` and must not
/// escape it. SQL text uses `$1, $2, …` placeholders in both dialects. Each connection prepares a
/// statement once per distinct SQL text and reuses it, so pass values as binds and keep the text fixed.
public protocol DatabaseConnection {
    var dialect: SQLDialect { get }

    /// Runs one statement and returns all its rows.
    func query(_ sql: String, _ binds: [SQLValue]) throws -> [Row]

    /// Runs one statement and returns the number of rows it inserted, updated or deleted.
    @discardableResult
    func execute(_ sql: String, _ binds: [SQLValue]) throws -> Int

    /// Runs SQL text that may hold several statements separated by semicolons, without binds
    /// and without preparing or caching it: `sqlite3_exec` on SQLite, the simple-query
    /// protocol (`PQexec`) on PostgreSQL.
    func executeScript(_ sql: String) throws
}

extension DatabaseConnection {
    /// Runs one statement that takes no binds and returns all its rows.
    public func query(_ sql: String) throws -> [Row] {
        try self.query(sql, [])
    }

    /// Runs one statement that takes no binds and returns the number of rows it changed.
    @discardableResult
    public func execute(_ sql: String) throws -> Int {
        try self.execute(sql, [])
    }

    /// Runs one statement and returns its first row, or nil if it returned none.
    ///
    /// The statement still runs to completion, so add `LIMIT 1` where more rows could match.
    public func queryFirst(_ sql: String, _ binds: [SQLValue] = []) throws -> Row? {
        try self.query(sql, binds).first
    }

    /// Runs `sql` as one statement, for connections that cannot run scripts.
    public func executeScript(_ sql: String) throws {
        try self.execute(sql, [])
    }
}
