import Database
import Foundation
import Platform

/// SQL for the `teams` table.
enum TeamStore {
    /// The sort fields of `GET /api/v1/teams`.
    static let sortFields = [
        SortField(name: "created_at", column: "g.created_at", kind: .timestamp),
        SortField(name: "name", column: "g.name", kind: .text),
    ]

    private static let columns =
        "g.id, g.name, g.description, g.organization_id, g.owner_id, g.created_at, g.updated_at"

    static func insert(_ team: Team, on connection: any DatabaseConnection) throws {
        try connection.execute(
            """
            INSERT INTO teams (id, name, description, organization_id, owner_id, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """,
            [
                .text(team.id), .text(team.name), .optionalText(team.description),
                .optionalText(team.organizationID), .text(team.ownerID), .date(team.createdAt),
                .date(team.updatedAt),
            ]
        )
    }

    static func find(id: String, on connection: any DatabaseConnection) throws -> Team? {
        let row = try connection.queryFirst("SELECT \(self.columns) FROM teams g WHERE g.id = $1", [.text(id)])
        return try row.map(self.team(from:))
    }

    /// Applies `changes` and sets `updated_at`; does nothing when `changes` is empty.
    static func apply(_ changes: TeamChanges, id: String, at date: Date, on connection: any DatabaseConnection) throws {
        guard !changes.isEmpty else { return }
        var binds = SQLBinds()
        var assignments: [String] = []
        if let name = changes.name {
            assignments.append("name = \(binds.add(.text(name)))")
        }
        switch changes.description {
        case .absent: break
        case .null: assignments.append("description = \(binds.add(.null))")
        case .value(let description): assignments.append("description = \(binds.add(.text(description)))")
        }
        switch changes.organizationID {
        case .absent: break
        case .null: assignments.append("organization_id = \(binds.add(.null))")
        case .value(let organizationID): assignments.append("organization_id = \(binds.add(.text(organizationID)))")
        }
        assignments.append("updated_at = \(binds.add(.date(date)))")
        let team = binds.add(.text(id))
        try connection.execute(
            "UPDATE teams SET \(assignments.joined(separator: ", ")) WHERE id = \(team)",
            binds.values
        )
    }

    /// Deletes the team and its memberships.
    static func delete(id: String, on connection: any DatabaseConnection) throws {
        try MemberStore.deleteAll(kind: .team, groupID: id, on: connection)
        try connection.execute("DELETE FROM teams WHERE id = $1", [.text(id)])
    }

    /// Lists the teams `viewerID` is a member of, or every team with `includeAll`, optionally only those of
    /// one organization.
    static func list(
        viewerID: String,
        includeAll: Bool,
        organizationID: String?,
        page: KeysetPage,
        on connection: any DatabaseConnection
    ) throws -> [Team] {
        var binds = SQLBinds()
        var sql = "SELECT \(self.columns) FROM teams g"
        if !includeAll {
            let viewer = binds.add(.text(viewerID))
            sql += " JOIN team_members m ON m.team_id = g.id AND m.user_id = \(viewer)"
        }
        var conditions: [String] = []
        if let organizationID {
            conditions.append("g.organization_id = \(binds.add(.text(organizationID)))")
        }
        if let after = page.afterCondition(binds: &binds) {
            conditions.append(after)
        }
        if !conditions.isEmpty {
            sql += " WHERE " + conditions.joined(separator: " AND ")
        }
        sql += " ORDER BY \(page.orderByClause) LIMIT \(page.fetchCount)"
        return try connection.query(sql, binds.values).map(self.team(from:))
    }

    /// Returns the sort value and id of a team, for the next page's cursor.
    static func sortKey(_ team: Team, page: KeysetPage) -> (SortKey, String) {
        switch page.field.name {
        case "name": (.text(team.name), team.id)
        default: (.timestamp(team.createdAt), team.id)
        }
    }

    private static func team(from row: Row) throws -> Team {
        Team(
            id: try row.decode("id", as: String.self),
            name: try row.decode("name", as: String.self),
            description: try row.decode("description", as: String?.self),
            organizationID: try row.decode("organization_id", as: String?.self),
            ownerID: try row.decode("owner_id", as: String.self),
            createdAt: try row.decode("created_at", as: Date.self),
            updatedAt: try row.decode("updated_at", as: Date.self)
        )
    }
}
