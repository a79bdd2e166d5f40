import Database
import Foundation
import HTTPServer
import Platform

/// A row of `tasks`, with timestamps already in the API's text form.
struct TaskRecord: Sendable, Equatable {
    var id: String
    var projectID: String
    /// Unique within the project, allocated from `project_task_counters` without gaps at creation.
    var number: Int64
    var title: String
    /// Empty when the task has none.
    var description: String
    var status: TaskStatus
    var priority: TaskPriority
    var assigneeID: String?
    /// The user who created the task.
    var reporterID: String
    /// A milestone of the projects service; this service stores the id without checking it.
    var milestoneID: String?
    var parentID: String?
    /// `YYYY-MM-DD`.
    var dueDate: String?
    /// `YYYY-MM-DD`.
    var startDate: String?
    var estimateMinutes: Int64?
    /// Distinct labels in the order they were given.
    var labels: [String]
    /// A client-chosen rank for manual ordering; new tasks get their number, so they sort last.
    var position: Int64
    /// Set when the status becomes `done`, cleared when it leaves `done`.
    var completedAt: String?
    var createdAt: String
    var updatedAt: String

    /// The columns `init(row:)` reads, in `SELECT` order.
    static let columns = """
        id, project_id, number, title, description, status, priority, assignee_id, reporter_id, milestone_id, \
        parent_id, due_date, start_date, estimate_minutes, labels, position, completed_at, created_at, updated_at
        """

    /// `columns` with each name prefixed by `table.`, for joins.
    static func columns(of table: String) -> String {
        Self.columns
            .split(separator: ",")
            .map { table + "." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .joined(separator: ", ")
    }

    init(row: Row) throws {
        self.id = try row.decodeID("id")
        self.projectID = try row.decodeID("project_id")
        self.number = try row.decode("number")
        self.title = try row.decode("title")
        self.description = try row.decode("description")
        self.status = try row.decodeChoice("status", as: TaskStatus.self)
        self.priority = try row.decodeChoice("priority", as: TaskPriority.self)
        self.assigneeID = try row.decodeOptionalID("assignee_id")
        self.reporterID = try row.decodeID("reporter_id")
        self.milestoneID = try row.decodeOptionalID("milestone_id")
        self.parentID = try row.decodeOptionalID("parent_id")
        self.dueDate = try row.decode("due_date")
        self.startDate = try row.decode("start_date")
        self.estimateMinutes = try row.decode("estimate_minutes")
        self.labels = try row.decodeStringList("labels")
        self.position = try row.decode("position")
        self.completedAt = try row.decodeOptionalTimestamp("completed_at")
        self.createdAt = try row.decodeTimestamp("created_at")
        self.updatedAt = try row.decodeTimestamp("updated_at")
    }

    init(
        id: String,
        projectID: String,
        number: Int64,
        title: String,
        reporterID: String,
        createdAt: String
    ) {
        self.id = id
        self.projectID = projectID
        self.number = number
        self.title = title
        self.description = ""
        self.status = .todo
        self.priority = .medium
        self.assigneeID = nil
        self.reporterID = reporterID
        self.milestoneID = nil
        self.parentID = nil
        self.dueDate = nil
        self.startDate = nil
        self.estimateMinutes = nil
        self.labels = []
        self.position = number
        self.completedAt = nil
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }

    /// The task as the API shows it, without the embedded `assignee`.
    var json: JSONObject {
        [
            "id": .string(self.id),
            "project_id": .string(self.projectID),
            "number": .int(self.number),
            "title": .string(self.title),
            "description": .string(self.description),
            "status": .string(self.status.rawValue),
            "priority": .string(self.priority.rawValue),
            "assignee_id": .string(self.assigneeID),
            "reporter_id": .string(self.reporterID),
            "milestone_id": .string(self.milestoneID),
            "parent_id": .string(self.parentID),
            "due_date": .string(self.dueDate),
            "start_date": .string(self.startDate),
            "estimate_minutes": self.estimateMinutes.map { .int($0) } ?? .null,
            "labels": .array(self.labels.map { .string($0) }),
            "position": .int(self.position),
            "completed_at": .string(self.completedAt),
            "created_at": .string(self.createdAt),
            "updated_at": .string(self.updatedAt),
        ]
    }

    /// The task with `assignee` embedded: the user summary, or null when there is no assignee or the users
    /// service did not return one in time.
    func json(assignee: UserSummary?) -> JSONValue {
        var object = self.json
        object["assignee"] = assignee.map(UserSummaryJSON.make) ?? .null
        return .object(object)
    }

    /// The short form used in dependency lists.
    var summaryJSON: JSONValue {
        [
            "id": .string(self.id),
            "project_id": .string(self.projectID),
            "number": .int(self.number),
            "title": .string(self.title),
            "status": .string(self.status.rawValue),
        ]
    }
}

/// The JSON of a user summary, as the users service shows it.
enum UserSummaryJSON {
    static func make(_ summary: UserSummary) -> JSONValue {
        [
            "id": .string(summary.id),
            "username": .string(summary.username),
            "first_name": .string(summary.firstName),
            "last_name": .string(summary.lastName),
            "avatar_url": .string(summary.avatarURL),
        ]
    }
}
