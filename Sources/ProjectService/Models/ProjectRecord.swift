import Database
import Foundation
import HTTPServer
import Platform

/// A row of `projects`.
struct ProjectRecord: Sendable {
    var id: String
    /// 2–10 upper-case ASCII letters, unique across projects.
    var key: String
    var name: String
    var description: String?
    var status: ProjectStatus
    var teamID: String?
    var organizationID: String?
    var startDate: CalendarDate?
    var dueDate: CalendarDate?
    /// The creator.
    var ownerID: String
    var createdAt: Date
    var updatedAt: Date

    /// The selected columns, qualified by the alias `p`.
    static let columns = """
        p.id, p.project_key, p.name, p.description, p.status, p.team_id, p.organization_id, p.start_date, \
        p.due_date, p.owner_id, p.created_at, p.updated_at
        """

    init(
        id: String,
        key: String,
        name: String,
        description: String?,
        status: ProjectStatus,
        teamID: String?,
        organizationID: String?,
        startDate: CalendarDate?,
        dueDate: CalendarDate?,
        ownerID: String,
        createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.key = key
        self.name = name
        self.description = description
        self.status = status
        self.teamID = teamID
        self.organizationID = organizationID
        self.startDate = startDate
        self.dueDate = dueDate
        self.ownerID = ownerID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    init(row: Row) throws {
        self.id = try row.decodeID("id")
        self.key = try row.decode("project_key")
        self.name = try row.decode("name")
        self.description = try row.decode("description")
        self.status = try row.decodeChoice("status", as: ProjectStatus.self)
        self.teamID = try row.decodeOptionalID("team_id")
        self.organizationID = try row.decodeOptionalID("organization_id")
        self.startDate = try row.decodeCalendarDate("start_date")
        self.dueDate = try row.decodeCalendarDate("due_date")
        self.ownerID = try row.decodeID("owner_id")
        self.createdAt = try row.decode("created_at")
        self.updatedAt = try row.decode("updated_at")
    }

    /// Returns the project as the API shows it, with the caller's effective `role` (null for an admin who is not
    /// a member).
    func json(role: ProjectRole?) -> JSONValue {
        [
            "id": .string(self.id),
            "key": .string(self.key),
            "name": .string(self.name),
            "description": .string(self.description),
            "status": .string(self.status.rawValue),
            "team_id": .string(self.teamID),
            "organization_id": .string(self.organizationID),
            "start_date": .string(self.startDate?.description),
            "due_date": .string(self.dueDate?.description),
            "owner_id": .string(self.ownerID),
            "role": .string(role?.rawValue),
            "created_at": .string(Timestamp.format(self.createdAt)),
            "updated_at": .string(Timestamp.format(self.updatedAt)),
        ]
    }
}
