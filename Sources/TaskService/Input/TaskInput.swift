import Foundation
import HTTPServer
import Platform

/// The editable task fields of a create, update or instantiate body, validated.
///
/// A field left out of the body is nil or `.absent` and leaves the task as it is. `project_id`, `number`,
/// `reporter_id`, `completed_at` and the timestamps are read-only here: this reader never looks at them.
struct TaskInput: Sendable {
    static let titleLength = 1...500
    static let maxDescriptionLength = 50_000
    static let estimateRange: ClosedRange<Int64> = 0...1_000_000
    static let positionRange: ClosedRange<Int64> = 0...2_147_483_647
    static let maxLabels = 20
    static let maxLabelLength = 50

    var title: String?
    /// `null` in the body clears the description to empty text.
    var description: String?
    var status: TaskStatus?
    var priority: TaskPriority?
    var assigneeID: Patch<String> = .absent
    var milestoneID: Patch<String> = .absent
    var parentID: Patch<String> = .absent
    var dueDate: Patch<String> = .absent
    var startDate: Patch<String> = .absent
    var estimateMinutes: Patch<Int64> = .absent
    /// The complete new label list; `null` in the body clears it.
    var labels: [String]?
    var position: Int64?

    /// An input that changes nothing, for endpoints that set one field.
    init() {}

    /// Reads every task field from `fields`, recording problems there; `requireTitle` is set for creation.
    init(reading fields: inout FieldReader, requireTitle: Bool) {
        for field in ["title", "status", "priority", "position"] {
            fields.rejectNull(field)
        }

        self.title = fields.string(
            "title",
            required: requireTitle,
            minLength: Self.titleLength.lowerBound,
            maxLength: Self.titleLength.upperBound,
            trim: true
        )
        switch fields.nullableString("description", maxLength: Self.maxDescriptionLength) {
        case .absent: self.description = nil
        case .null: self.description = ""
        case .value(let text): self.description = text
        }
        self.status = fields.choice("status", as: TaskStatus.self)
        self.priority = fields.choice("priority", as: TaskPriority.self)

        self.assigneeID = fields.nullableID("assignee_id")
        self.milestoneID = fields.nullableID("milestone_id")
        self.parentID = fields.nullableID("parent_id")
        self.dueDate = fields.nullableDate("due_date")
        self.startDate = fields.nullableDate("start_date")
        self.estimateMinutes = fields.nullableInteger("estimate_minutes", range: Self.estimateRange)

        self.labels = fields.stringList(
            "labels",
            maxCount: Self.maxLabels,
            maxLength: Self.maxLabelLength,
            itemName: "label"
        )
        self.position = fields.integer("position", range: Self.positionRange)
    }

    /// The input of a task that another service creates, such as a project template's task; the draft must
    /// already be valid.
    init(draft: TaskDraft) {
        self.title = draft.title.trimmingCharacters(in: .whitespacesAndNewlines)
        self.description = draft.description
        self.priority = TaskPriority(rawValue: draft.priority)
        self.dueDate = draft.dueDate.map { .value($0) } ?? .absent
        self.milestoneID = draft.milestoneID.map { .value($0.lowercased()) } ?? .absent
    }

    /// Returns `task` with every field of this input applied. `completed_at` follows the status: it is set to
    /// `now` when the task becomes `done` and cleared when it leaves `done`.
    func applied(to task: TaskRecord, now: String) -> TaskRecord {
        var result = task
        if let title = self.title { result.title = title }
        if let description = self.description { result.description = description }
        if let status = self.status { result.status = status }
        if let priority = self.priority { result.priority = priority }
        Self.apply(self.assigneeID, to: &result.assigneeID)
        Self.apply(self.milestoneID, to: &result.milestoneID)
        Self.apply(self.parentID, to: &result.parentID)
        Self.apply(self.dueDate, to: &result.dueDate)
        Self.apply(self.startDate, to: &result.startDate)
        Self.apply(self.estimateMinutes, to: &result.estimateMinutes)
        if let labels = self.labels { result.labels = labels }
        if let position = self.position { result.position = position }

        if result.status == .done, task.status != .done || task.completedAt == nil {
            result.completedAt = now
        } else if result.status != .done {
            result.completedAt = nil
        }
        return result
    }

    /// Problems of the combination of fields in `task`, which no single field shows: a start after the due date.
    static func problems(of task: TaskRecord) -> [String: [String]] {
        if let start = task.startDate, let due = task.dueDate, start > due {
            return ["start_date": ["Must not be after due_date (\(due))"]]
        }
        return [:]
    }

    private static func apply<Value>(_ patch: Patch<Value>, to value: inout Value?) {
        switch patch {
        case .absent: break
        case .null: value = nil
        case .value(let newValue): value = newValue
        }
    }
}
