import Database
import Foundation
import Platform

/// Reads and writes of `projects`. Every function runs on a connection the caller got from `read` or
/// `transaction`.
enum ProjectStore {
    /// Returns the project `id` and the direct role of `userID` in it, or nil when no such project exists.
    ///
    /// - Parameter lock: inside a PostgreSQL transaction, locks the project row until commit, which serializes
    ///   membership and project changes; SQLite transactions are serialized already.
    static func project(
        id: String,
        userID: String,
        lock: Bool = false,
        on connection: any DatabaseConnection
    ) throws -> (project: ProjectRecord, directRole: ProjectRole?)? {
        let locking = lock && connection.dialect == .postgres ? " FOR UPDATE OF p" : ""
        let row = try connection.queryFirst(
            """
            SELECT \(ProjectRecord.columns), m.role AS direct_role
            FROM projects p LEFT JOIN project_members m ON m.project_id = p.id AND m.user_id = $2
            WHERE p.id = $1\(locking)
            """,
            [.text(id), .text(userID)]
        )
        guard let row else { return nil }
        return (try ProjectRecord(row: row), try self.directRole(row))
    }

    /// Returns, for each existing project of `projectIDs`, its team and the direct role of `userID`, in one query.
    static func directRoles(
        userID: String,
        projectIDs: [String],
        on connection: any DatabaseConnection
    ) throws -> [(projectID: String, teamID: String?, directRole: ProjectRole?)] {
        var binds = SQLBinds()
        let user = binds.bind(.text(userID))
        let condition = binds.uuidIn("p.id", projectIDs, dialect: connection.dialect)
        let rows = try connection.query(
            """
            SELECT p.id, p.team_id, m.role AS direct_role
            FROM projects p LEFT JOIN project_members m ON m.project_id = p.id AND m.user_id = \(user)
            WHERE \(condition)
            """,
            binds.values
        )
        return try rows.map { (try $0.decodeID("id"), try $0.decodeOptionalID("team_id"), try self.directRole($0)) }
    }

    /// Returns the ids of the projects that have `userID` as a direct member or belong to one of `teamIDs`.
    static func visibleProjectIDs(
        userID: String,
        teamIDs: [String],
        on connection: any DatabaseConnection
    ) throws -> [String] {
        var binds = SQLBinds()
        let user = binds.bind(.text(userID))
        let inTeams = binds.uuidIn("team_id", teamIDs, dialect: connection.dialect)
        return try connection.query(
            """
            SELECT id FROM projects
            WHERE id IN (SELECT project_id FROM project_members WHERE user_id = \(user)) OR \(inTeams)
            ORDER BY id
            """,
            binds.values
        ).map { try $0.decodeID("id") }
    }

    static func insert(_ project: ProjectRecord, on connection: any DatabaseConnection) throws {
        try connection.execute(
            """
            INSERT INTO projects (id, project_key, name, name_folded, description, status, team_id, organization_id,
                                  start_date, due_date, owner_id, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            """,
            [
                .text(project.id), .text(project.key), .text(project.name), .text(Search.fold(project.name)),
                .optionalText(project.description), .text(project.status.rawValue), .optionalText(project.teamID),
                .optionalText(project.organizationID), .calendarDate(project.startDate), .calendarDate(project.dueDate),
                .text(project.ownerID), .date(project.createdAt), .date(project.updatedAt),
            ]
        )
    }

    /// Writes every changeable column of `project`; a taken key surfaces as a unique violation on `project_key`.
    static func update(_ project: ProjectRecord, on connection: any DatabaseConnection) throws {
        try connection.execute(
            """
            UPDATE projects SET project_key = $2, name = $3, name_folded = $4, description = $5, status = $6,
                                team_id = $7, organization_id = $8, start_date = $9, due_date = $10, updated_at = $11
            WHERE id = $1
            """,
            [
                .text(project.id), .text(project.key), .text(project.name), .text(Search.fold(project.name)),
                .optionalText(project.description), .text(project.status.rawValue), .optionalText(project.teamID),
                .optionalText(project.organizationID), .calendarDate(project.startDate), .calendarDate(project.dueDate),
                .date(project.updatedAt),
            ]
        )
    }

    /// Deletes the project; its members and milestones go with it through `ON DELETE CASCADE`.
    @discardableResult
    static func delete(id: String, on connection: any DatabaseConnection) throws -> Bool {
        try connection.execute("DELETE FROM projects WHERE id = $1", [.text(id)]) > 0
    }

    static func keyExists(_ key: String, on connection: any DatabaseConnection) throws -> Bool {
        try connection.queryFirst("SELECT 1 AS present FROM projects WHERE project_key = $1", [.text(key)]) != nil
    }

    /// Returns the keys that start with `prefix`, an upper-case key base.
    static func keys(startingWith prefix: String, on connection: any DatabaseConnection) throws -> Set<String> {
        let rows = try connection.query(
            "SELECT project_key FROM projects WHERE project_key LIKE $1",
            [.text(prefix + "%")]
        )
        return Set(try rows.map { try $0.decode("project_key", as: String.self) })
    }

    /// True when `error` is the unique violation of a taken project key.
    static func isTakenKey(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError, error.code == .uniqueViolation else { return false }
        return error.constraint?.contains("project_key") ?? false
    }

    private static func directRole(_ row: Row) throws -> ProjectRole? {
        guard try row.decode("direct_role", as: String?.self) != nil else { return nil }
        return try row.decodeChoice("direct_role", as: ProjectRole.self)
    }
}
