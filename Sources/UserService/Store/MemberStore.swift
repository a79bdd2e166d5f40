import Database
import Foundation
import HTTPServer
import Platform

/// SQL for `organization_members` and `team_members`, which share one shape: (group id, user id, role, joined_at).
enum MemberStore {
    /// The sort fields of member lists.
    static let sortFields = [SortField(name: "joined_at", column: "m.joined_at", kind: .timestamp)]

    /// Loads what `caller` may do to the group `groupID`.
    ///
    /// With `lock`, PostgreSQL also locks the group's row until the transaction ends, so that concurrent
    /// membership changes of one group run one after another and the last-owner check stays true. SQLite
    /// transactions already run one at a time.
    ///
    /// - Throws: the kind's `404` when the group does not exist or the caller may not see it.
    static func permissions(
        kind: GroupKind,
        groupID: String,
        caller: AuthenticatedUser,
        lock: Bool,
        on connection: any DatabaseConnection
    ) throws -> GroupPermissions {
        var sql = """
            SELECT g.id, m.role FROM \(kind.table) g
            LEFT JOIN \(kind.memberTable) m ON m.\(kind.groupColumn) = g.id AND m.user_id = $2
            WHERE g.id = $1
            """
        if lock, connection.dialect == .postgres {
            sql += " FOR UPDATE OF g"
        }
        guard let row = try connection.queryFirst(sql, [.text(groupID), .text(caller.id)]) else {
            throw kind.notFound
        }
        let permissions = GroupPermissions(
            kind: kind,
            callerRole: try self.role(try row.decode("role", as: String?.self)),
            isSiteAdmin: caller.isAdmin
        )
        guard permissions.canView else { throw kind.notFound }
        return permissions
    }

    /// Loads the membership of `userID` in the group, with the user's summary when the directory has one.
    static func find(
        kind: GroupKind,
        groupID: String,
        userID: String,
        on connection: any DatabaseConnection
    ) throws -> Member? {
        let row = try connection.queryFirst(
            "\(self.select(kind)) WHERE m.\(kind.groupColumn) = $1 AND m.user_id = $2",
            [.text(groupID), .text(userID)]
        )
        return try row.map(self.member(from:))
    }

    /// Lists the group's members, optionally only those with `role`, one page at a time.
    static func list(
        kind: GroupKind,
        groupID: String,
        role: MemberRole?,
        page: KeysetPage,
        on connection: any DatabaseConnection
    ) throws -> [Member] {
        var binds = SQLBinds()
        var conditions = ["m.\(kind.groupColumn) = \(binds.add(.text(groupID)))"]
        if let role {
            conditions.append("m.role = \(binds.add(.text(role.rawValue)))")
        }
        if let after = page.afterCondition(binds: &binds) {
            conditions.append(after)
        }
        let sql = """
            \(self.select(kind)) WHERE \(conditions.joined(separator: " AND "))
            ORDER BY \(page.orderByClause) LIMIT \(page.fetchCount)
            """
        return try connection.query(sql, binds.values).map(self.member(from:))
    }

    /// Inserts a membership.
    ///
    /// - Throws: `DatabaseError` with `.uniqueViolation` when the user is already a member.
    static func insert(
        kind: GroupKind,
        groupID: String,
        userID: String,
        role: MemberRole,
        joinedAt: Date,
        on connection: any DatabaseConnection
    ) throws {
        try connection.execute(
            "INSERT INTO \(kind.memberTable) (\(kind.groupColumn), user_id, role, joined_at) VALUES ($1, $2, $3, $4)",
            [.text(groupID), .text(userID), .text(role.rawValue), .date(joinedAt)]
        )
    }

    static func updateRole(
        kind: GroupKind,
        groupID: String,
        userID: String,
        role: MemberRole,
        on connection: any DatabaseConnection
    ) throws {
        try connection.execute(
            "UPDATE \(kind.memberTable) SET role = $3 WHERE \(kind.groupColumn) = $1 AND user_id = $2",
            [.text(groupID), .text(userID), .text(role.rawValue)]
        )
    }

    static func delete(kind: GroupKind, groupID: String, userID: String, on connection: any DatabaseConnection) throws {
        try connection.execute(
            "DELETE FROM \(kind.memberTable) WHERE \(kind.groupColumn) = $1 AND user_id = $2",
            [.text(groupID), .text(userID)]
        )
    }

    /// Deletes every membership of the group.
    static func deleteAll(kind: GroupKind, groupID: String, on connection: any DatabaseConnection) throws {
        try connection.execute("DELETE FROM \(kind.memberTable) WHERE \(kind.groupColumn) = $1", [.text(groupID)])
    }

    /// Counts the group's owners.
    static func ownerCount(kind: GroupKind, groupID: String, on connection: any DatabaseConnection) throws -> Int {
        let row = try connection.queryFirst(
            "SELECT COUNT(*) AS owner_count FROM \(kind.memberTable) WHERE \(kind.groupColumn) = $1 AND role = $2",
            [.text(groupID), .text(MemberRole.owner.rawValue)]
        )
        return try row?.decode("owner_count", as: Int.self) ?? 0
    }

    private static func select(_ kind: GroupKind) -> String {
        """
        SELECT m.\(kind.groupColumn) AS group_id, m.user_id, m.role, m.joined_at,
            p.username, p.first_name, p.last_name, p.avatar_url
        FROM \(kind.memberTable) m LEFT JOIN profiles p ON p.user_id = m.user_id
        """
    }

    private static func member(from row: Row) throws -> Member {
        let userID = try row.decode("user_id", as: String.self)
        guard let role = try self.role(try row.decode("role", as: String.self)) else {
            throw StoredDataError(description: "A membership row has no role")
        }
        var summary: UserSummary?
        if let username = try row.decode("username", as: String?.self) {
            summary = UserSummary(
                id: userID,
                username: username,
                firstName: try row.decode("first_name", as: String?.self),
                lastName: try row.decode("last_name", as: String?.self),
                avatarURL: try row.decode("avatar_url", as: String?.self)
            )
        }
        return Member(
            groupID: try row.decode("group_id", as: String.self),
            userID: userID,
            role: role,
            joinedAt: try row.decode("joined_at", as: Date.self),
            summary: summary
        )
    }

    /// Returns the role named by a stored value, or nil for NULL.
    private static func role(_ text: String?) throws -> MemberRole? {
        guard let text else { return nil }
        guard let role = MemberRole(rawValue: text) else {
            throw StoredDataError(description: "Unknown stored member role \(text)")
        }
        return role
    }
}
