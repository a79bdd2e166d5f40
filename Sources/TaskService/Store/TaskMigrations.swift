import Database
import Platform

/// The task database's schema, per dialect.
///
/// Calendar dates are `YYYY-MM-DD` text in both dialects, where text order is date order. References to other
/// services' rows (projects, users, milestones) are plain UUID columns without foreign keys.
enum TaskMigrations {
    static func all(for dialect: SQLDialect) -> [Migration] {
        [
            Migration(version: 1, name: "create_task_tables", sql: Self.initial(dialect) + Outbox.schema(for: dialect)),
            Migration(version: 2, name: "add_task_source_ref", sql: Self.sourceReferences),
            Migration(version: 3, name: "mark_deleted_projects", sql: Self.deletedProjects),
        ]
    }

    /// `source_ref` names the record an imported task came from, such as `github:owner/repo#123`, so that
    /// importing the same file again skips it. Tasks made through the API have none.
    private static let sourceReferences = """
        ALTER TABLE tasks ADD COLUMN source_ref TEXT;
        CREATE UNIQUE INDEX tasks_project_source_ref ON tasks (project_id, source_ref) WHERE source_ref IS NOT NULL;

        """

    /// A deleted project keeps its counter row, marked, so a task insert that raced the deletion fails instead
    /// of leaving a task behind: both take the row's lock, and the insert then reads the mark.
    private static let deletedProjects = """
        ALTER TABLE project_task_counters ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;

        """

    private static func initial(_ dialect: SQLDialect) -> String {
        let uuid = dialect == .postgres ? "UUID" : "TEXT"
        let time = dialect == .postgres ? "TIMESTAMPTZ" : "TEXT"
        let statuses = TaskStatus.names.map { "'\($0)'" }.joined(separator: ", ")
        let priorities = TaskPriority.names.map { "'\($0)'" }.joined(separator: ", ")
        return """
            CREATE TABLE tasks (
                id \(uuid) PRIMARY KEY,
                project_id \(uuid) NOT NULL,
                number BIGINT NOT NULL,
                title TEXT NOT NULL,
                title_search TEXT NOT NULL,
                description TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL CHECK (status IN (\(statuses))),
                priority TEXT NOT NULL CHECK (priority IN (\(priorities))),
                priority_rank SMALLINT NOT NULL,
                assignee_id \(uuid),
                reporter_id \(uuid) NOT NULL,
                milestone_id \(uuid),
                parent_id \(uuid) REFERENCES tasks (id) ON DELETE SET NULL,
                due_date TEXT,
                start_date TEXT,
                estimate_minutes INTEGER,
                labels TEXT NOT NULL DEFAULT '[]',
                position BIGINT NOT NULL,
                completed_at \(time),
                created_at \(time) NOT NULL,
                updated_at \(time) NOT NULL,
                UNIQUE (project_id, number)
            );
            CREATE INDEX tasks_project_created ON tasks (project_id, created_at, id);
            CREATE INDEX tasks_project_updated ON tasks (project_id, updated_at, id);
            CREATE INDEX tasks_project_due ON tasks (project_id, due_date, id);
            CREATE INDEX tasks_project_priority ON tasks (project_id, priority_rank, id);
            CREATE INDEX tasks_project_position ON tasks (project_id, position, id);
            CREATE INDEX tasks_created ON tasks (created_at, id);
            CREATE INDEX tasks_assignee_created ON tasks (assignee_id, created_at, id);
            CREATE INDEX tasks_parent ON tasks (parent_id);
            CREATE TABLE task_dependencies (
                task_id \(uuid) NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
                depends_on_id \(uuid) NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
                created_by \(uuid),
                created_at \(time) NOT NULL,
                PRIMARY KEY (task_id, depends_on_id),
                CHECK (task_id <> depends_on_id)
            );
            CREATE INDEX task_dependencies_depends_on ON task_dependencies (depends_on_id, task_id);
            CREATE TABLE task_labels (
                task_id \(uuid) NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
                project_id \(uuid) NOT NULL,
                label TEXT NOT NULL,
                PRIMARY KEY (task_id, label)
            );
            CREATE INDEX task_labels_project_label ON task_labels (project_id, label);
            CREATE TABLE project_task_counters (
                project_id \(uuid) PRIMARY KEY,
                next_number BIGINT NOT NULL
            );
            CREATE TABLE task_templates (
                id \(uuid) PRIMARY KEY,
                owner_id \(uuid) NOT NULL,
                name TEXT NOT NULL,
                title TEXT NOT NULL,
                description TEXT NOT NULL DEFAULT '',
                priority TEXT NOT NULL CHECK (priority IN (\(priorities))),
                estimate_minutes INTEGER,
                checklist TEXT NOT NULL DEFAULT '[]',
                created_at \(time) NOT NULL,
                updated_at \(time) NOT NULL
            );
            CREATE INDEX task_templates_owner_created ON task_templates (owner_id, created_at, id);
            CREATE INDEX task_templates_created ON task_templates (created_at, id);

            """
    }
}
