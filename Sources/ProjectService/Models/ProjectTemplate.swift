import Database
import Foundation
import HTTPServer
import Platform

/// A milestone a template creates, due `dayOffset` days after the new project's start date.
struct TemplateMilestone: Sendable, Equatable {
    var name: String
    var description: String?
    var dayOffset: Int

    var json: JSONValue {
        ["name": .string(self.name), "description": .string(self.description), "day_offset": .int(self.dayOffset)]
    }
}

/// A task a template creates, due `dayOffset` days after the new project's start date.
struct TemplateTask: Sendable, Equatable {
    var title: String
    var description: String?
    var priority: TaskPriority
    var dayOffset: Int
    /// The position of the template milestone the task belongs to, if any.
    var milestoneIndex: Int?

    var json: JSONValue {
        [
            "title": .string(self.title),
            "description": .string(self.description),
            "priority": .string(self.priority.rawValue),
            "day_offset": .int(self.dayOffset),
            "milestone": .int(self.milestoneIndex),
        ]
    }
}

/// A row of `project_templates`. Milestones and tasks are stored as JSON text in the shape the API shows them.
struct ProjectTemplate: Sendable {
    var id: String
    var name: String
    var description: String?
    var milestones: [TemplateMilestone]
    var tasks: [TemplateTask]
    /// The creator, who alone (with admins) may see and use the template.
    var ownerID: String
    var createdAt: Date
    var updatedAt: Date

    static let columns = "id, name, description, milestones, tasks, owner_id, created_at, updated_at"

    init(
        id: String,
        name: String,
        description: String?,
        milestones: [TemplateMilestone],
        tasks: [TemplateTask],
        ownerID: String,
        createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.milestones = milestones
        self.tasks = tasks
        self.ownerID = ownerID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    init(row: Row) throws {
        self.id = try row.decodeID("id")
        self.name = try row.decode("name")
        self.description = try row.decode("description")
        self.milestones = try Self.storedItems(row, "milestones").map(Self.milestone)
        self.tasks = try Self.storedItems(row, "tasks").map(Self.task)
        self.ownerID = try row.decodeID("owner_id")
        self.createdAt = try row.decode("created_at")
        self.updatedAt = try row.decode("updated_at")
    }

    var json: JSONValue {
        [
            "id": .string(self.id),
            "name": .string(self.name),
            "description": .string(self.description),
            "milestones": .array(self.milestones.map(\.json)),
            "tasks": .array(self.tasks.map(\.json)),
            "owner_id": .string(self.ownerID),
            "created_at": .string(Timestamp.format(self.createdAt)),
            "updated_at": .string(Timestamp.format(self.updatedAt)),
        ]
    }

    /// The milestones as the JSON text stored in the `milestones` column.
    var storedMilestones: String {
        String(decoding: JSONValue.array(self.milestones.map(\.json)).serialized(), as: UTF8.self)
    }

    /// The tasks as the JSON text stored in the `tasks` column.
    var storedTasks: String {
        String(decoding: JSONValue.array(self.tasks.map(\.json)).serialized(), as: UTF8.self)
    }

    private static func storedItems(_ row: Row, _ column: String) throws -> [JSONValue] {
        let text = try row.decode(column, as: String.self)
        guard case .array(let items)? = try? JSONParser().parse(Array(text.utf8)) else {
            throw Self.corrupt(column)
        }
        return items
    }

    private static func milestone(_ item: JSONValue) throws -> TemplateMilestone {
        guard case .string(let name)? = item["name"], case .int(let offset)? = item["day_offset"] else {
            throw Self.corrupt("milestones")
        }
        guard case .string(let description)? = item["description"] else {
            return TemplateMilestone(name: name, description: nil, dayOffset: Int(offset))
        }
        return TemplateMilestone(name: name, description: description, dayOffset: Int(offset))
    }

    private static func task(_ item: JSONValue) throws -> TemplateTask {
        guard case .string(let title)? = item["title"], case .int(let offset)? = item["day_offset"],
            case .string(let priorityText)? = item["priority"], let priority = TaskPriority(rawValue: priorityText)
        else { throw Self.corrupt("tasks") }
        var task = TemplateTask(title: title, description: nil, priority: priority, dayOffset: Int(offset))
        if case .string(let description)? = item["description"] { task.description = description }
        if case .int(let index)? = item["milestone"] { task.milestoneIndex = Int(index) }
        return task
    }

    private static func corrupt(_ column: String) -> DatabaseError {
        DatabaseError(
            .decodingFailed,
            message: "column \"\(column)\" does not hold the template JSON this service writes"
        )
    }
}
