/// One schema change, applied once per database in version order.
public struct Migration: Sendable {
    /// Positive and unique within a service; migrations run in ascending version order.
    public var version: Int
    /// A short description, stored in `schema_migrations.name`.
    public var name: String
    /// SQL text in the database's dialect; it may hold several statements separated by semicolons.
    public var sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}
