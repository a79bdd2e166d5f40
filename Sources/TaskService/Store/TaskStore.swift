import Database

/// The only code that reads and writes the task database. Every function runs on a connection the caller got
/// from `read` or `transaction`.
enum TaskStore {
    /// Loads the task with `id`, or nil. With `lock`, inside a transaction, PostgreSQL locks the row until the
    /// transaction ends, so concurrent updates of one task apply one after the other. SQLite's single writer
    /// already serialises them.
    static func task(id: String, lock: Bool = false, on connection: any DatabaseConnection) throws -> TaskRecord? {
        let suffix = lock && connection.dialect == .postgres ? " FOR UPDATE" : ""
        let row = try connection.queryFirst(
            "SELECT \(TaskRecord.columns) FROM tasks WHERE id = $1\(suffix)",
            [.text(id)]
        )
        return try row.map(TaskRecord.init(row:))
    }

    /// True when `ancestorID` is `taskID` itself or one of the tasks above it through `parent_id`.
    ///
    /// One recursive query walks the chain; `UNION` drops repeated rows, so it ends even on a cycle.
    static func isSelfOrAncestor(
        _ ancestorID: String,
        of taskID: String,
        on connection: any DatabaseConnection
    ) throws
        -> Bool
    {
        let row = try connection.queryFirst(
            """
            WITH RECURSIVE chain (id, parent_id) AS (
                SELECT id, parent_id FROM tasks WHERE id = $1
                UNION
                SELECT tasks.id, tasks.parent_id FROM tasks JOIN chain ON tasks.id = chain.parent_id
            )
            SELECT 1 AS found FROM chain WHERE id = $2 LIMIT 1
            """,
            [.text(taskID), .text(ancestorID)]
        )
        return row != nil
    }
}
