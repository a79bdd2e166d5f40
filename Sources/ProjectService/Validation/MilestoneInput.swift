import Foundation
import HTTPServer
import Platform

/// The fields of a new milestone.
struct MilestoneDraft: Sendable {
    var name: String
    var description: String?
    var dueDate: CalendarDate?
    var status: MilestoneStatus

    /// Reads the fields of a new milestone, recording problems in `fields`; nil when `name` is missing.
    static func read(_ fields: inout FieldReader) -> MilestoneDraft? {
        let name = fields.name("name", required: true)
        let description = fields.description().value
        let dueDate = fields.calendarDate("due_date").value
        let status = fields.choice("status", as: MilestoneStatus.self) ?? .open
        guard let name else { return nil }
        return MilestoneDraft(name: name, description: description, dueDate: dueDate, status: status)
    }
}

/// The fields of a `PATCH` on a milestone; absent fields stay as they are.
struct MilestoneChanges: Sendable {
    var name: String?
    var description: Patch<String>
    var dueDate: Patch<CalendarDate>
    var status: MilestoneStatus?

    /// Reads the changes, recording problems in `fields`; `name` and `status` may not be null.
    static func read(_ fields: inout FieldReader) -> MilestoneChanges {
        for field in ["name", "status"] where fields.object[field] == .null {
            fields.fail(field, "May not be null")
        }
        return MilestoneChanges(
            name: fields.name("name", required: false),
            description: fields.description(),
            dueDate: fields.calendarDate("due_date"),
            status: fields.choice("status", as: MilestoneStatus.self)
        )
    }

    /// `milestone` with the changes applied at `now`: `completed_at` is set when the status becomes
    /// `completed` and cleared when it becomes `open`.
    func applied(to milestone: MilestoneRecord, now: Date) -> MilestoneRecord {
        var result = milestone
        result.name = self.name ?? milestone.name
        result.description = self.description.applied(to: milestone.description)
        result.dueDate = self.dueDate.applied(to: milestone.dueDate)
        result.status = self.status ?? milestone.status
        if result.status != milestone.status {
            result.completedAt = result.status == .completed ? now : nil
        }
        return result
    }

    /// Returns the API names of the fields whose values differ between `old` and `new`.
    static func changedFields(from old: MilestoneRecord, to new: MilestoneRecord) -> [String] {
        var fields: [String] = []
        if old.name != new.name { fields.append("name") }
        if old.description != new.description { fields.append("description") }
        if old.dueDate != new.dueDate { fields.append("due_date") }
        if old.status != new.status { fields.append("status") }
        return fields
    }
}
