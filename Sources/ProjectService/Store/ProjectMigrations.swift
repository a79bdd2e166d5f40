import Database
import Platform

/// The project database's schema, per dialect.
///
/// Calendar dates are `YYYY-MM-DD` text in both dialects, which sorts in date order. `name_folded` columns hold
/// the lower-cased name that search and name ordering use, computed in Swift so both dialects fold alike.
enum ProjectMigrations {
    static func all(for dialect: SQLDialect) -> [Migration] {
        [
            Migration(
                version: 1,
                name: "create_project_tables",
                sql: Self.initial(dialect) + Outbox.schema(for: dialect)
            ),
            Migration(version: 2, name: "add_source_refs", sql: Self.sourceReferences),
        ]
    }

    /// `source_ref` names the record an imported project or milestone came from, such as `github:owner/repo`
    /// or `github:owner/repo/milestone/5`, so that importing the same file again finds it. Rows made through
    /// the API have none. Milestone references are unique per project; a repository may be imported into
    /// several projects under different keys.
    private static let sourceReferences = """
        ALTER TABLE projects ADD COLUMN source_ref TEXT;
        ALTER TABLE milestones ADD COLUMN source_ref TEXT;
        CREATE UNIQUE INDEX milestones_project_source_ref ON milestones (project_id, source_ref)
            WHERE source_ref IS NOT NULL;

        """

    private static func initial(_ dialect: SQLDialect) -> String {
        let uuid = dialect == .postgres ? "UUID" : "TEXT"
        let time = dialect == .postgres ? "TIMESTAMPTZ" : "TEXT"
        return """
            CREATE TABLE projects (
                id \(uuid) PRIMARY KEY,
                project_key TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                name_folded TEXT NOT NULL,
                description TEXT,
                status TEXT NOT NULL CHECK (status IN ('active', 'on_hold', 'completed', 'archived')),
                team_id \(uuid),
                organization_id \(uuid),
                start_date TEXT,
                due_date TEXT,
                owner_id \(uuid) NOT NULL,
                created_at \(time) NOT NULL,
                updated_at \(time) NOT NULL
            );
            CREATE INDEX projects_team ON projects (team_id);
            CREATE INDEX projects_created ON projects (created_at, id);
            CREATE INDEX projects_updated ON projects (updated_at, id);
            CREATE INDEX projects_name ON projects (name_folded, id);
            CREATE TABLE project_members (
                project_id \(uuid) NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
                user_id \(uuid) NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'member', 'viewer')),
                added_by \(uuid),
                joined_at \(time) NOT NULL,
                updated_at \(time) NOT NULL,
                PRIMARY KEY (project_id, user_id)
            );
            CREATE INDEX project_members_user ON project_members (user_id);
            CREATE TABLE milestones (
                id \(uuid) PRIMARY KEY,
                project_id \(uuid) NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                name_folded TEXT NOT NULL,
                description TEXT,
                due_date TEXT,
                status TEXT NOT NULL CHECK (status IN ('open', 'completed')),
                completed_at \(time),
                owner_id \(uuid) NOT NULL,
                created_at \(time) NOT NULL,
                updated_at \(time) NOT NULL
            );
            CREATE INDEX milestones_project ON milestones (project_id, created_at, id);
            CREATE TABLE project_templates (
                id \(uuid) PRIMARY KEY,
                name TEXT NOT NULL,
                name_folded TEXT NOT NULL,
                description TEXT,
                milestones TEXT NOT NULL,
                tasks TEXT NOT NULL,
                owner_id \(uuid) NOT NULL,
                created_at \(time) NOT NULL,
                updated_at \(time) NOT NULL
            );
            CREATE INDEX project_templates_owner ON project_templates (owner_id, created_at, id);
            CREATE INDEX project_templates_created ON project_templates (created_at, id);

            """
    }
}
