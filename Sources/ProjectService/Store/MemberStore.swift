import Database
import Foundation
import Platform

/// Reads and writes of `project_members`, the direct memberships.
enum MemberStore {
    static func insert(_ member: ProjectMember, on connection: any DatabaseConnection) throws {
        try connection.execute(
            """
            INSERT INTO project_members (project_id, user_id, role, added_by, joined_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            """,
            [
                .text(member.projectID), .text(member.userID), .text(member.role.rawValue),
                .optionalText(member.addedBy), .date(member.joinedAt ?? Date()), .date(member.updatedAt ?? Date()),
            ]
        )
    }

    static func member(
        projectID: String,
        userID: String,
        on connection: any DatabaseConnection
    ) throws -> ProjectMember? {
        try connection.queryFirst(
            "SELECT \(ProjectMember.columns) FROM project_members WHERE project_id = $1 AND user_id = $2",
            [.text(projectID), .text(userID)]
        ).map(ProjectMember.init(row:))
    }

    static func setRole(
        _ role: ProjectRole,
        projectID: String,
        userID: String,
        now: Date,
        on connection: any DatabaseConnection
    ) throws {
        try connection.execute(
            "UPDATE project_members SET role = $3, updated_at = $4 WHERE project_id = $1 AND user_id = $2",
            [.text(projectID), .text(userID), .text(role.rawValue), .date(now)]
        )
    }

    static func delete(projectID: String, userID: String, on connection: any DatabaseConnection) throws {
        try connection.execute(
            "DELETE FROM project_members WHERE project_id = $1 AND user_id = $2",
            [.text(projectID), .text(userID)]
        )
    }

    static func ownerCount(projectID: String, on connection: any DatabaseConnection) throws -> Int {
        let row = try connection.queryFirst(
            "SELECT COUNT(*) AS owners FROM project_members WHERE project_id = $1 AND role = 'owner'",
            [.text(projectID)]
        )
        return try row?.decode("owners", as: Int.self) ?? 0
    }

    /// Up to `limit` direct members after `afterUserID`, ordered by user id, optionally with one role.
    static func page(
        projectID: String,
        role: ProjectRole?,
        afterUserID: String?,
        limit: Int,
        on connection: any DatabaseConnection
    ) throws -> [ProjectMember] {
        var binds = SQLBinds()
        var conditions = ["project_id = \(binds.bind(.text(projectID)))"]
        if let role {
            conditions.append("role = \(binds.bind(.text(role.rawValue)))")
        }
        if let afterUserID {
            conditions.append("user_id > \(binds.bind(.text(afterUserID)))")
        }
        let limitPlaceholder = binds.bind(.int(limit))
        return try connection.query(
            """
            SELECT \(ProjectMember.columns) FROM project_members
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY user_id LIMIT \(limitPlaceholder)
            """,
            binds.values
        ).map(ProjectMember.init(row:))
    }

    /// Returns the ids among `userIDs` that are direct members of the project, whatever their role.
    static func directMemberIDs(
        projectID: String,
        among userIDs: [String],
        on connection: any DatabaseConnection
    ) throws -> Set<String> {
        guard !userIDs.isEmpty else { return [] }
        var binds = SQLBinds()
        let project = binds.bind(.text(projectID))
        let among = binds.uuidIn("user_id", userIDs, dialect: connection.dialect)
        let rows = try connection.query(
            "SELECT user_id FROM project_members WHERE project_id = \(project) AND \(among)",
            binds.values
        )
        return Set(try rows.map { try $0.decodeID("user_id") })
    }
}
