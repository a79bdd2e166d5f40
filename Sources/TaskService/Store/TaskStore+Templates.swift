import Database

extension TaskStore {
    static func insertTemplate(_ template: TaskTemplateRecord, on connection: any DatabaseConnection) throws {
        try connection.execute(
            """
            INSERT INTO task_templates (id, owner_id, name, title, description, priority, estimate_minutes,
                                        checklist, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """,
            [
                .text(template.id), .text(template.ownerID), .text(template.name), .text(template.title),
                .text(template.description), .text(template.priority.rawValue),
                .optionalInteger(template.estimateMinutes), .stringList(template.checklist),
                .text(template.createdAt), .text(template.updatedAt),
            ]
        )
    }

    static func template(id: String, on connection: any DatabaseConnection) throws -> TaskTemplateRecord? {
        let row = try connection.queryFirst(
            "SELECT \(TaskTemplateRecord.columns) FROM task_templates WHERE id = $1",
            [.text(id)]
        )
        return try row.map(TaskTemplateRecord.init(row:))
    }

    /// Up to `limit` templates, newest first, after the keyset position `after` (created_at, id).
    ///
    /// - Parameter ownerID: only this user's templates; nil for every template (admins).
    static func templates(
        ownerID: String?,
        after: (createdAt: String, id: String)?,
        limit: Int,
        on connection: any DatabaseConnection
    ) throws -> [TaskTemplateRecord] {
        var conditions: [String] = []
        var binds: [SQLValue] = []
        if let ownerID {
            binds.append(.text(ownerID))
            conditions.append("owner_id = $\(binds.count)")
        }
        if let after {
            binds.append(.text(after.createdAt))
            binds.append(.text(after.id))
            conditions.append("(created_at, id) < ($\(binds.count - 1), $\(binds.count))")
        }
        binds.append(.int(limit))
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try connection.query(
            """
            SELECT \(TaskTemplateRecord.columns) FROM task_templates \(whereClause)
            ORDER BY created_at DESC, id DESC LIMIT $\(binds.count)
            """,
            binds
        ).map(TaskTemplateRecord.init(row:))
    }
}
