import Database
import Foundation
import Platform

/// Filters of a project list.
struct ProjectListFilter: Sendable {
    /// The caller's id; the rows carry the caller's direct role.
    var callerID: String
    /// The caller's teams. The list then contains only projects that have the caller as a direct member or
    /// belong to one of these teams. nil lists every project, as admins see them.
    var visibleTeamIDs: [String]?
    var status: ProjectStatus?
    var teamID: String?
    /// A `LIKE` pattern on the lower-cased name and key, escaped with `\`.
    var searchPattern: String?
}

extension ProjectStore {
    /// The orderings `GET /api/v1/projects` accepts.
    static let sortFields = [
        SortField(name: "created_at", expression: "p.created_at", kind: .timestamp),
        SortField(name: "updated_at", expression: "p.updated_at", kind: .timestamp),
        SortField(name: "name", expression: "p.name_folded", kind: .text),
    ]

    /// Returns one page of projects, and one row more when another page follows. Rows carry the caller's
    /// direct role as `direct_role` and the ordering value as `sort_key`.
    static func list(
        _ filter: ProjectListFilter,
        order: KeysetOrder,
        on connection: any DatabaseConnection
    ) throws -> [Row] {
        var binds = SQLBinds()
        let caller = binds.bind(.text(filter.callerID))
        var conditions: [String] = []
        if let teamIDs = filter.visibleTeamIDs {
            let inTeams = binds.uuidIn("p.team_id", teamIDs, dialect: connection.dialect)
            conditions.append("(m.user_id IS NOT NULL OR \(inTeams))")
        }
        if let status = filter.status {
            conditions.append("p.status = \(binds.bind(.text(status.rawValue)))")
        }
        if let teamID = filter.teamID {
            conditions.append("p.team_id = \(binds.bind(.text(teamID)))")
        }
        if let pattern = filter.searchPattern {
            let placeholder = binds.bind(.text(pattern))
            conditions.append(
                "(p.name_folded LIKE \(placeholder) ESCAPE '\\' OR LOWER(p.project_key) LIKE \(placeholder) ESCAPE '\\')"
            )
        }
        if let after = order.condition(&binds) {
            conditions.append(after)
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try connection.query(
            """
            SELECT \(ProjectRecord.columns), m.role AS direct_role, \(order.sortKeySelection)
            FROM projects p LEFT JOIN project_members m ON m.project_id = p.id AND m.user_id = \(caller)
            \(whereClause)
            \(order.orderAndLimit(&binds))
            """,
            binds.values
        )
    }
}
