import Database
import Foundation
import Platform

/// Reads and writes of `milestones`.
enum MilestoneStore {
    /// The orderings `GET /api/v1/projects/{id}/milestones` accepts. Milestones without a due date sort as
    /// if due on 9999-12-31, so they come last in ascending order.
    static let sortFields = [
        SortField(name: "due_date", expression: "COALESCE(due_date, '9999-12-31')", kind: .calendarDate),
        SortField(name: "created_at", expression: "created_at", kind: .timestamp),
        SortField(name: "name", expression: "name_folded", kind: .text),
    ]

    /// Inserts `milestone`; `sourceRef` names the record an imported milestone came from.
    static func insert(
        _ milestone: MilestoneRecord,
        sourceRef: String? = nil,
        on connection: any DatabaseConnection
    ) throws {
        try connection.execute(
            """
            INSERT INTO milestones (id, project_id, name, name_folded, description, due_date, status, completed_at,
                                    owner_id, created_at, updated_at, source_ref)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            """,
            [
                .text(milestone.id), .text(milestone.projectID), .text(milestone.name),
                .text(Search.fold(milestone.name)), .optionalText(milestone.description),
                .calendarDate(milestone.dueDate), .text(milestone.status.rawValue),
                milestone.completedAt.map { .date($0) } ?? .null, .text(milestone.ownerID),
                .date(milestone.createdAt), .date(milestone.updatedAt), .optionalText(sourceRef),
            ]
        )
    }

    /// Returns the milestone `id` when it belongs to `projectID`, and nil for a milestone of another project.
    static func milestone(
        id: String,
        projectID: String,
        on connection: any DatabaseConnection
    ) throws -> MilestoneRecord? {
        try connection.queryFirst(
            "SELECT \(MilestoneRecord.columns) FROM milestones WHERE id = $1 AND project_id = $2",
            [.text(id), .text(projectID)]
        ).map(MilestoneRecord.init(row:))
    }

    static func update(_ milestone: MilestoneRecord, on connection: any DatabaseConnection) throws {
        try connection.execute(
            """
            UPDATE milestones SET name = $2, name_folded = $3, description = $4, due_date = $5, status = $6,
                                  completed_at = $7, updated_at = $8
            WHERE id = $1
            """,
            [
                .text(milestone.id), .text(milestone.name), .text(Search.fold(milestone.name)),
                .optionalText(milestone.description), .calendarDate(milestone.dueDate),
                .text(milestone.status.rawValue), milestone.completedAt.map { .date($0) } ?? .null,
                .date(milestone.updatedAt),
            ]
        )
    }

    static func delete(id: String, on connection: any DatabaseConnection) throws {
        try connection.execute("DELETE FROM milestones WHERE id = $1", [.text(id)])
    }

    /// Returns one page of a project's milestones, with `sort_key`, and one row more when another page follows.
    static func list(
        projectID: String,
        status: MilestoneStatus?,
        order: KeysetOrder,
        on connection: any DatabaseConnection
    ) throws -> [Row] {
        var binds = SQLBinds()
        var conditions = ["project_id = \(binds.bind(.text(projectID)))"]
        if let status {
            conditions.append("status = \(binds.bind(.text(status.rawValue)))")
        }
        if let after = order.condition(&binds) {
            conditions.append(after)
        }
        return try connection.query(
            """
            SELECT \(MilestoneRecord.columns), \(order.sortKeySelection) FROM milestones
            WHERE \(conditions.joined(separator: " AND "))
            \(order.orderAndLimit(&binds))
            """,
            binds.values
        )
    }
}
