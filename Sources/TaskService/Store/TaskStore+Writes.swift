import Database
import HTTPServer

extension TaskStore {
    /// Reserves `count` consecutive task numbers in `projectID` and returns the first.
    ///
    /// The counter row is updated in the caller's transaction. On PostgreSQL the upsert locks that row until
    /// commit, so concurrent creators in one project wait for each other; SQLite has a single writer. A rolled
    /// back transaction returns its numbers, so numbers stay unique and without gaps.
    static func reserveNumbers(count: Int, in projectID: String, on connection: any DatabaseConnection) throws -> Int64
    {
        let row = try connection.queryFirst(
            """
            INSERT INTO project_task_counters (project_id, next_number) VALUES ($1, $2 + 1)
            ON CONFLICT (project_id) DO UPDATE SET next_number = project_task_counters.next_number + $2
            RETURNING next_number, deleted
            """,
            [.text(projectID), .int(count)]
        )
        guard let row else {
            throw DatabaseError(.other, message: "the task number upsert returned no row")
        }
        guard try row.decode("deleted", as: Int64.self) == 0 else {
            throw HTTPError.invalidField("project_id", "Project not found")
        }
        let next = try row.decode("next_number", as: Int64.self)
        return next - Int64(count)
    }

    /// Inserts `task` and its label rows; `sourceRef` names the record an imported task came from.
    static func insert(_ task: TaskRecord, sourceRef: String? = nil, on connection: any DatabaseConnection) throws {
        try connection.execute(
            """
            INSERT INTO tasks (id, project_id, number, title, title_search, description, status, priority,
                               priority_rank, assignee_id, reporter_id, milestone_id, parent_id, due_date,
                               start_date, estimate_minutes, labels, position, completed_at, created_at, updated_at,
                               source_ref)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
                    $22)
            """,
            [
                .text(task.id), .text(task.projectID), .integer(task.number), .text(task.title),
                .text(TitleSearch.key(task.title)), .text(task.description), .text(task.status.rawValue),
                .text(task.priority.rawValue), .integer(task.priority.rank), .optionalText(task.assigneeID),
                .text(task.reporterID), .optionalText(task.milestoneID), .optionalText(task.parentID),
                .optionalText(task.dueDate), .optionalText(task.startDate), .optionalInteger(task.estimateMinutes),
                .stringList(task.labels), .integer(task.position), .optionalText(task.completedAt),
                .text(task.createdAt), .text(task.updatedAt), .optionalText(sourceRef),
            ]
        )
        try self.insertLabels(of: task, on: connection)
    }

    /// Writes every editable column of `task`, and its label rows when `labelsChanged`.
    static func update(_ task: TaskRecord, labelsChanged: Bool, on connection: any DatabaseConnection) throws {
        try connection.execute(
            """
            UPDATE tasks SET title = $2, title_search = $3, description = $4, status = $5, priority = $6,
                             priority_rank = $7, assignee_id = $8, milestone_id = $9, parent_id = $10,
                             due_date = $11, start_date = $12, estimate_minutes = $13, labels = $14,
                             position = $15, completed_at = $16, updated_at = $17
            WHERE id = $1
            """,
            [
                .text(task.id), .text(task.title), .text(TitleSearch.key(task.title)), .text(task.description),
                .text(task.status.rawValue), .text(task.priority.rawValue), .integer(task.priority.rank),
                .optionalText(task.assigneeID), .optionalText(task.milestoneID), .optionalText(task.parentID),
                .optionalText(task.dueDate), .optionalText(task.startDate), .optionalInteger(task.estimateMinutes),
                .stringList(task.labels), .integer(task.position), .optionalText(task.completedAt),
                .text(task.updatedAt),
            ]
        )
        if labelsChanged {
            try connection.execute("DELETE FROM task_labels WHERE task_id = $1", [.text(task.id)])
            try self.insertLabels(of: task, on: connection)
        }
    }

    /// Deletes the task with `id`, its dependencies in both directions and its labels; its subtasks stay and
    /// lose their parent. Returns false when no such task exists.
    @discardableResult
    static func delete(id: String, on connection: any DatabaseConnection) throws -> Bool {
        // The foreign keys would cascade these too; explicit statements keep the effect independent of
        // SQLite's per-connection foreign_keys setting.
        try connection.execute("DELETE FROM task_dependencies WHERE task_id = $1 OR depends_on_id = $1", [.text(id)])
        try connection.execute("DELETE FROM task_labels WHERE task_id = $1", [.text(id)])
        try connection.execute("UPDATE tasks SET parent_id = NULL WHERE parent_id = $1", [.text(id)])
        return try connection.execute("DELETE FROM tasks WHERE id = $1", [.text(id)]) == 1
    }

    /// Deletes every task of `projectID` with their dependencies (also those from other projects' tasks),
    /// labels and number counter. Running it again deletes nothing more.
    static func deleteProject(_ projectID: String, on connection: any DatabaseConnection) throws -> Int {
        // Marking the counter first takes its lock, so a concurrent insert either commits before this delete
        // and goes with it, or waits and then fails on the mark.
        try connection.execute(
            """
            INSERT INTO project_task_counters (project_id, next_number, deleted) VALUES ($1, 1, 1)
            ON CONFLICT (project_id) DO UPDATE SET deleted = 1
            """,
            [.text(projectID)]
        )
        let inProject = "SELECT id FROM tasks WHERE project_id = $1"
        try connection.execute(
            "DELETE FROM task_dependencies WHERE task_id IN (\(inProject)) OR depends_on_id IN (\(inProject))",
            [.text(projectID)]
        )
        try connection.execute("DELETE FROM task_labels WHERE project_id = $1", [.text(projectID)])
        // Parents are always in the same project, so no task outside it loses its parent here.
        try connection.execute("UPDATE tasks SET parent_id = NULL WHERE project_id = $1", [.text(projectID)])
        let deleted = try connection.execute("DELETE FROM tasks WHERE project_id = $1", [.text(projectID)])
        return deleted
    }

    private static func insertLabels(of task: TaskRecord, on connection: any DatabaseConnection) throws {
        for label in task.labels {
            try connection.execute(
                "INSERT INTO task_labels (task_id, project_id, label) VALUES ($1, $2, $3)",
                [.text(task.id), .text(task.projectID), .text(label)]
            )
        }
    }
}
