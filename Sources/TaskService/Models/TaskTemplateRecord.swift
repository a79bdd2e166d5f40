import Database
import HTTPServer

/// A row of `task_templates`: a reusable task owned by the user who created it.
struct TaskTemplateRecord: Sendable {
    var id: String
    /// The creator; only the owner and admins see the template.
    var ownerID: String
    var name: String
    var title: String
    var description: String
    var priority: TaskPriority
    var estimateMinutes: Int64?
    /// Checklist items, which an instantiated task receives as a Markdown task list in its description.
    var checklist: [String]
    var createdAt: String
    var updatedAt: String

    static let columns =
        "id, owner_id, name, title, description, priority, estimate_minutes, checklist, created_at, updated_at"

    init(row: Row) throws {
        self.id = try row.decodeID("id")
        self.ownerID = try row.decodeID("owner_id")
        self.name = try row.decode("name")
        self.title = try row.decode("title")
        self.description = try row.decode("description")
        self.priority = try row.decodeChoice("priority", as: TaskPriority.self)
        self.estimateMinutes = try row.decode("estimate_minutes")
        self.checklist = try row.decodeStringList("checklist")
        self.createdAt = try row.decodeTimestamp("created_at")
        self.updatedAt = try row.decodeTimestamp("updated_at")
    }

    init(
        id: String,
        ownerID: String,
        name: String,
        title: String,
        description: String,
        priority: TaskPriority,
        estimateMinutes: Int64?,
        checklist: [String],
        createdAt: String
    ) {
        self.id = id
        self.ownerID = ownerID
        self.name = name
        self.title = title
        self.description = description
        self.priority = priority
        self.estimateMinutes = estimateMinutes
        self.checklist = checklist
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }

    var json: JSONValue {
        [
            "id": .string(self.id),
            "owner_id": .string(self.ownerID),
            "name": .string(self.name),
            "title": .string(self.title),
            "description": .string(self.description),
            "priority": .string(self.priority.rawValue),
            "estimate_minutes": self.estimateMinutes.map { .int($0) } ?? .null,
            "checklist": .array(self.checklist.map { .string($0) }),
            "created_at": .string(self.createdAt),
            "updated_at": .string(self.updatedAt),
        ]
    }

    /// The description an instantiated task starts with: the template's description followed by the checklist
    /// as a Markdown task list (`- [ ] item`), separated by a blank line when both are present.
    var taskDescription: String {
        let items = self.checklist.map { "- [ ] \($0)" }.joined(separator: "\n")
        if items.isEmpty { return self.description }
        if self.description.isEmpty { return items }
        return self.description + "\n\n" + items
    }
}
