import Database
import Foundation
import Platform

/// Reads and writes of `project_templates`.
enum TemplateStore {
    /// The orderings `GET /api/v1/project-templates` accepts.
    static let sortFields = [
        SortField(name: "created_at", expression: "created_at", kind: .timestamp),
        SortField(name: "name", expression: "name_folded", kind: .text),
    ]

    static func insert(_ template: ProjectTemplate, on connection: any DatabaseConnection) throws {
        try connection.execute(
            """
            INSERT INTO project_templates (id, name, name_folded, description, milestones, tasks, owner_id,
                                           created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """,
            [
                .text(template.id), .text(template.name), .text(Search.fold(template.name)),
                .optionalText(template.description), .text(template.storedMilestones), .text(template.storedTasks),
                .text(template.ownerID), .date(template.createdAt), .date(template.updatedAt),
            ]
        )
    }

    static func template(id: String, on connection: any DatabaseConnection) throws -> ProjectTemplate? {
        try connection.queryFirst(
            "SELECT \(ProjectTemplate.columns) FROM project_templates WHERE id = $1",
            [.text(id)]
        ).map(ProjectTemplate.init(row:))
    }

    static func delete(id: String, on connection: any DatabaseConnection) throws {
        try connection.execute("DELETE FROM project_templates WHERE id = $1", [.text(id)])
    }

    /// Returns one page of templates, with `sort_key`, and one row more when another page follows.
    ///
    /// - Parameter ownerID: lists only that user's templates; nil lists every template, as admins see them.
    static func list(
        ownerID: String?,
        searchPattern: String?,
        order: KeysetOrder,
        on connection: any DatabaseConnection
    ) throws -> [Row] {
        var binds = SQLBinds()
        var conditions: [String] = []
        if let ownerID {
            conditions.append("owner_id = \(binds.bind(.text(ownerID)))")
        }
        if let searchPattern {
            conditions.append("name_folded LIKE \(binds.bind(.text(searchPattern))) ESCAPE '\\'")
        }
        if let after = order.condition(&binds) {
            conditions.append(after)
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try connection.query(
            """
            SELECT \(ProjectTemplate.columns), \(order.sortKeySelection) FROM project_templates
            \(whereClause)
            \(order.orderAndLimit(&binds))
            """,
            binds.values
        )
    }
}
