import Database
import Foundation
import Platform

/// SQL for the `organizations` table.
enum OrganizationStore {
    /// The sort fields of `GET /api/v1/organizations`.
    static let sortFields = [
        SortField(name: "created_at", column: "g.created_at", kind: .timestamp),
        SortField(name: "name", column: "g.name", kind: .text),
    ]

    private static let columns = "g.id, g.name, g.domain, g.settings, g.created_at, g.updated_at"

    static func insert(_ organization: Organization, on connection: any DatabaseConnection) throws {
        try connection.execute(
            """
            INSERT INTO organizations (id, name, domain, settings, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            """,
            [
                .text(organization.id), .text(organization.name), .optionalText(organization.domain),
                .text(StoredJSON.text(organization.settings)), .date(organization.createdAt),
                .date(organization.updatedAt),
            ]
        )
    }

    static func find(id: String, on connection: any DatabaseConnection) throws -> Organization? {
        let row = try connection.queryFirst("SELECT \(self.columns) FROM organizations g WHERE g.id = $1", [.text(id)])
        return try row.map(self.organization(from:))
    }

    /// Applies `changes` and sets `updated_at`; does nothing when `changes` is empty.
    static func apply(
        _ changes: OrganizationChanges,
        id: String,
        at date: Date,
        on connection: any DatabaseConnection
    ) throws {
        guard !changes.isEmpty else { return }
        var binds = SQLBinds()
        var assignments: [String] = []
        if let name = changes.name {
            assignments.append("name = \(binds.add(.text(name)))")
        }
        switch changes.domain {
        case .absent: break
        case .null: assignments.append("domain = \(binds.add(.null))")
        case .value(let domain): assignments.append("domain = \(binds.add(.text(domain)))")
        }
        if let settings = changes.settings {
            assignments.append("settings = \(binds.add(.text(StoredJSON.text(settings))))")
        }
        assignments.append("updated_at = \(binds.add(.date(date)))")
        let organization = binds.add(.text(id))
        try connection.execute(
            "UPDATE organizations SET \(assignments.joined(separator: ", ")) WHERE id = \(organization)",
            binds.values
        )
    }

    /// Deletes the organization and its memberships, and takes its teams out of it.
    static func delete(id: String, at date: Date, on connection: any DatabaseConnection) throws {
        try connection.execute(
            "UPDATE teams SET organization_id = NULL, updated_at = $2 WHERE organization_id = $1",
            [.text(id), .date(date)]
        )
        try MemberStore.deleteAll(kind: .organization, groupID: id, on: connection)
        try connection.execute("DELETE FROM organizations WHERE id = $1", [.text(id)])
    }

    /// Lists the organizations `viewerID` is a member of, or every organization with `includeAll`.
    static func list(
        viewerID: String,
        includeAll: Bool,
        page: KeysetPage,
        on connection: any DatabaseConnection
    ) throws -> [Organization] {
        var binds = SQLBinds()
        var sql = "SELECT \(self.columns) FROM organizations g"
        if !includeAll {
            let viewer = binds.add(.text(viewerID))
            sql += " JOIN organization_members m ON m.organization_id = g.id AND m.user_id = \(viewer)"
        }
        if let after = page.afterCondition(binds: &binds) {
            sql += " WHERE \(after)"
        }
        sql += " ORDER BY \(page.orderByClause) LIMIT \(page.fetchCount)"
        return try connection.query(sql, binds.values).map(self.organization(from:))
    }

    /// Returns the sort value and id of an organization, for the next page's cursor.
    static func sortKey(_ organization: Organization, page: KeysetPage) -> (SortKey, String) {
        switch page.field.name {
        case "name": (.text(organization.name), organization.id)
        default: (.timestamp(organization.createdAt), organization.id)
        }
    }

    private static func organization(from row: Row) throws -> Organization {
        Organization(
            id: try row.decode("id", as: String.self),
            name: try row.decode("name", as: String.self),
            domain: try row.decode("domain", as: String?.self),
            settings: try StoredJSON.object(try row.decode("settings", as: String.self), column: "settings"),
            createdAt: try row.decode("created_at", as: Date.self),
            updatedAt: try row.decode("updated_at", as: Date.self)
        )
    }
}
