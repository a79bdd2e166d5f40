import Database
import Platform

/// The numbered schema migrations of the user database, per dialect; a released migration is never edited.
enum UserMigrations {
    static func all(for dialect: SQLDialect) -> [Migration] {
        switch dialect {
        case .sqlite:
            [Migration(version: 1, name: "profiles_organizations_teams", sql: Outbox.schema(for: .sqlite) + SQLiteSchema.version1)]
        case .postgres:
            [Migration(version: 1, name: "profiles_organizations_teams", sql: Outbox.schema(for: .postgres) + PostgresSchema.version1)]
        }
    }
}
