import Database

/// Dependency edges: a row `(task_id, depends_on_id)` means the task is blocked by `depends_on_id`.
extension TaskStore {
    /// Loads the tasks that `taskID` depends on, by project and number.
    static func blockers(of taskID: String, on connection: any DatabaseConnection) throws -> [TaskRecord] {
        try connection.query(
            """
            SELECT \(Self.qualifiedColumns) FROM task_dependencies
            JOIN tasks ON tasks.id = task_dependencies.depends_on_id
            WHERE task_dependencies.task_id = $1 ORDER BY tasks.project_id, tasks.number
            """,
            [.text(taskID)]
        ).map(TaskRecord.init(row:))
    }

    /// Loads the tasks that depend on `taskID`, by project and number.
    static func dependents(of taskID: String, on connection: any DatabaseConnection) throws -> [TaskRecord] {
        try connection.query(
            """
            SELECT \(Self.qualifiedColumns) FROM task_dependencies
            JOIN tasks ON tasks.id = task_dependencies.task_id
            WHERE task_dependencies.depends_on_id = $1 ORDER BY tasks.project_id, tasks.number
            """,
            [.text(taskID)]
        ).map(TaskRecord.init(row:))
    }

    /// Counts the tasks blocking `taskID` that are neither done nor cancelled.
    static func unresolvedBlockerCount(of taskID: String, on connection: any DatabaseConnection) throws -> Int {
        let row = try connection.queryFirst(
            """
            SELECT COUNT(*) AS blockers FROM task_dependencies
            JOIN tasks ON tasks.id = task_dependencies.depends_on_id
            WHERE task_dependencies.task_id = $1 AND tasks.status NOT IN ('done', 'cancelled')
            """,
            [.text(taskID)]
        )
        return try row?.decode("blockers", as: Int.self) ?? 0
    }

    static func dependencyExists(
        taskID: String,
        dependsOnID: String,
        on connection: any DatabaseConnection
    ) throws
        -> Bool
    {
        try connection.queryFirst(
            "SELECT 1 AS found FROM task_dependencies WHERE task_id = $1 AND depends_on_id = $2",
            [.text(taskID), .text(dependsOnID)]
        ) != nil
    }

    /// True when `targetID` is reachable from `startID` by following `depends_on_id` edges, which means that a
    /// new edge from `targetID` to `startID` would close a cycle.
    ///
    /// One recursive query walks every edge reachable from `startID`, however deep; `UNION` visits each task
    /// once, so the walk ends on any graph.
    static func dependencyPathExists(
        from startID: String,
        to targetID: String,
        on connection: any DatabaseConnection
    )
        throws -> Bool
    {
        let row = try connection.queryFirst(
            """
            WITH RECURSIVE reachable (id) AS (
                SELECT depends_on_id FROM task_dependencies WHERE task_id = $1
                UNION
                SELECT task_dependencies.depends_on_id FROM task_dependencies
                JOIN reachable ON task_dependencies.task_id = reachable.id
            )
            SELECT 1 AS found FROM reachable WHERE id = $2 LIMIT 1
            """,
            [.text(startID), .text(targetID)]
        )
        return row != nil
    }

    /// Serialises dependency inserts on PostgreSQL until the transaction ends, so two concurrent inserts cannot
    /// each pass the cycle check and together close a cycle. SQLite's single writer already serialises them.
    static func lockDependencyGraph(on connection: any DatabaseConnection) throws {
        guard connection.dialect == .postgres else { return }
        // The key is an arbitrary constant that only this statement uses.
        _ = try connection.query("SELECT pg_advisory_xact_lock(7411003) AS locked", [])
    }

    static func insertDependency(
        taskID: String,
        dependsOnID: String,
        createdBy: String,
        createdAt: String,
        on connection: any DatabaseConnection
    ) throws {
        try connection.execute(
            "INSERT INTO task_dependencies (task_id, depends_on_id, created_by, created_at) VALUES ($1, $2, $3, $4)",
            [.text(taskID), .text(dependsOnID), .text(createdBy), .text(createdAt)]
        )
    }

    /// Returns false when there was no such dependency.
    static func deleteDependency(
        taskID: String,
        dependsOnID: String,
        on connection: any DatabaseConnection
    ) throws
        -> Bool
    {
        try connection.execute(
            "DELETE FROM task_dependencies WHERE task_id = $1 AND depends_on_id = $2",
            [.text(taskID), .text(dependsOnID)]
        ) == 1
    }

    /// `TaskRecord.columns` qualified with `tasks.`, for joins.
    private static let qualifiedColumns = TaskRecord.columns(of: "tasks")
}
