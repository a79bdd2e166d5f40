import Database
import Platform

/// The numbered schema migrations of the user database, per dialect; a released migration is never edited.
enum UserMigrations {
    static func all(for dialect: SQLDialect) -> [Migration] {
        switch dialect {
        case .sqlite:
            [
                Migration(
                    version: 1,
                    name: "profiles_organizations_teams",
                    sql: Outbox.schema(for: .sqlite) + SQLiteSchema.version1
                ),
                Migration(version: 2, name: "project_members_view", sql: Self.projectMembers(uuid: "TEXT")),
            ]
        case .postgres:
            [
                Migration(
                    version: 1,
                    name: "profiles_organizations_teams",
                    sql: Outbox.schema(for: .postgres) + PostgresSchema.version1
                ),
                Migration(version: 2, name: "project_members_view", sql: Self.projectMembers(uuid: "UUID")),
            ]
        }
    }

    /// Direct project memberships copied from the projects service's events, so the directory can tell who shares
    /// a project with whom.
    private static func projectMembers(uuid: String) -> String {
        """
        CREATE TABLE project_members_view (
            project_id \(uuid) NOT NULL,
            user_id \(uuid) NOT NULL,
            PRIMARY KEY (project_id, user_id)
        );
        CREATE INDEX project_members_view_user ON project_members_view (user_id, project_id);
        """
    }
}
