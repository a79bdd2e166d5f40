/// The SQL dialect that a database speaks, for the few statements that differ between them.
public enum SQLDialect: String, Sendable {
    case sqlite
    case postgres
}
