import Database
import Foundation
import HTTPServer
import Platform

/// A row of `milestones`.
struct MilestoneRecord: Sendable {
    var id: String
    var projectID: String
    var name: String
    var description: String?
    var dueDate: CalendarDate?
    var status: MilestoneStatus
    /// Set when the status becomes `completed`, cleared when it goes back to `open`.
    var completedAt: Date?
    /// The creator.
    var ownerID: String
    var createdAt: Date
    var updatedAt: Date

    static let columns = """
        id, project_id, name, description, due_date, status, completed_at, owner_id, created_at, updated_at
        """

    init(
        id: String,
        projectID: String,
        name: String,
        description: String?,
        dueDate: CalendarDate?,
        status: MilestoneStatus,
        completedAt: Date?,
        ownerID: String,
        createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.projectID = projectID
        self.name = name
        self.description = description
        self.dueDate = dueDate
        self.status = status
        self.completedAt = completedAt
        self.ownerID = ownerID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    init(row: Row) throws {
        self.id = try row.decodeID("id")
        self.projectID = try row.decodeID("project_id")
        self.name = try row.decode("name")
        self.description = try row.decode("description")
        self.dueDate = try row.decodeCalendarDate("due_date")
        self.status = try row.decodeChoice("status", as: MilestoneStatus.self)
        self.completedAt = try row.decode("completed_at")
        self.ownerID = try row.decodeID("owner_id")
        self.createdAt = try row.decode("created_at")
        self.updatedAt = try row.decode("updated_at")
    }

    var json: JSONValue {
        [
            "id": .string(self.id),
            "project_id": .string(self.projectID),
            "name": .string(self.name),
            "description": .string(self.description),
            "due_date": .string(self.dueDate?.description),
            "status": .string(self.status.rawValue),
            "completed_at": .string(self.completedAt.map(Timestamp.format)),
            "owner_id": .string(self.ownerID),
            "created_at": .string(Timestamp.format(self.createdAt)),
            "updated_at": .string(Timestamp.format(self.updatedAt)),
        ]
    }
}
