import Database
import Foundation
import HTTPServer
import Platform

/// The user who reads the directory, and so which users they may see.
struct DirectoryViewer: Sendable {
    let userID: String
    /// Site admins see every user, deactivated ones included.
    let seesEveryone: Bool
}

/// One directory row with the sort keys that paging needs.
struct DirectoryEntry: Sendable {
    var summary: UserSummary
    var createdAt: Date
}

/// The filters of a directory listing.
struct DirectoryFilter: Sendable {
    /// A lower-cased substring matched against username, first name and last name.
    var search: String?
    /// Lower-case user ids; nil means no id filter.
    var ids: [String]?
}

/// Queries of the user directory, each limited to the users the viewer may see.
enum DirectoryStore {
    /// The sort fields of `GET /api/v1/users`.
    static let sortFields = [
        SortField(name: "username", column: "p.username", kind: .text),
        SortField(name: "created_at", column: "p.created_at", kind: .timestamp),
    ]

    /// Loads the summary of `userID` when `viewer` may see them.
    static func summary(
        userID: String,
        viewer: DirectoryViewer,
        on connection: any DatabaseConnection
    ) throws -> UserSummary? {
        var binds = SQLBinds()
        var conditions = ["p.user_id = \(binds.add(.text(userID)))"]
        if let visibility = self.visibility(for: viewer, binds: &binds) {
            conditions.append(visibility)
        }
        let row = try connection.queryFirst(
            """
            SELECT p.user_id, p.username, p.first_name, p.last_name, p.avatar_url
            FROM profiles p WHERE \(conditions.joined(separator: " AND "))
            """,
            binds.values
        )
        return try row.map(ProfileStore.summary(from:))
    }

    /// Lists the users that `viewer` may see and that match `filter`, one page at a time.
    ///
    /// Search is a substring scan over the profiles the viewer may see; no index serves `LIKE '%…%'`.
    static func list(
        viewer: DirectoryViewer,
        filter: DirectoryFilter,
        page: KeysetPage,
        on connection: any DatabaseConnection
    ) throws -> [DirectoryEntry] {
        var binds = SQLBinds()
        var conditions: [String] = []
        if let visibility = self.visibility(for: viewer, binds: &binds) {
            conditions.append(visibility)
        }
        if let search = filter.search {
            conditions.append("p.search_text LIKE \(binds.add(.text("%" + self.escapeLike(search) + "%"))) ESCAPE '\\'")
        }
        if let ids = filter.ids {
            let placeholders = ids.map { binds.add(.text($0)) }
            conditions.append("p.user_id IN (\(placeholders.joined(separator: ", ")))")
        }
        if let after = page.afterCondition(binds: &binds) {
            conditions.append(after)
        }

        var sql = "SELECT p.user_id, p.username, p.first_name, p.last_name, p.avatar_url, p.created_at FROM profiles p"
        if !conditions.isEmpty {
            sql += " WHERE " + conditions.joined(separator: " AND ")
        }
        sql += " ORDER BY \(page.orderByClause) LIMIT \(page.fetchCount)"

        return try connection.query(sql, binds.values).map { row in
            DirectoryEntry(
                summary: try ProfileStore.summary(from: row),
                createdAt: try row.decode("created_at", as: Date.self)
            )
        }
    }

    /// Returns the condition on `profiles p` that keeps the users `viewer` may see, or nil when they see everyone.
    ///
    /// A user sees themself and the active users who share an organization, a team or a project with them.
    private static func visibility(for viewer: DirectoryViewer, binds: inout SQLBinds) -> String? {
        guard !viewer.seesEveryone else { return nil }
        let user = binds.add(.text(viewer.userID))
        // NOTE: projects are shared through their direct members only; a member through the project's team is
        // visible to the team's members already, but not to the project's other direct members.
        return """
            (p.user_id = \(user) OR (p.is_active AND (
                p.user_id IN (
                    SELECT other.user_id FROM organization_members other
                    JOIN organization_members mine ON mine.organization_id = other.organization_id
                    WHERE mine.user_id = \(user))
                OR p.user_id IN (
                    SELECT other.user_id FROM team_members other
                    JOIN team_members mine ON mine.team_id = other.team_id
                    WHERE mine.user_id = \(user))
                OR p.user_id IN (
                    SELECT other.user_id FROM project_members_view other
                    JOIN project_members_view mine ON mine.project_id = other.project_id
                    WHERE mine.user_id = \(user)))))
            """
    }

    /// Escapes `\`, `%` and `_` so that `LIKE … ESCAPE '\'` matches them literally.
    static func escapeLike(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "\\" || character == "%" || character == "_" {
                escaped.append("\\")
            }
            escaped.append(character)
        }
        return escaped
    }
}
