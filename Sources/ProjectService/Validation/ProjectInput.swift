import Foundation
import HTTPServer
import Platform

/// The fields of a new project, from `POST /api/v1/projects` or a template instantiation.
struct ProjectDraft: Sendable {
    var name: String
    /// nil to generate one from the name.
    var key: String?
    var description: String?
    var status: ProjectStatus
    var teamID: String?
    var organizationID: String?
    var startDate: CalendarDate?
    var dueDate: CalendarDate?

    /// Reads the fields of a new project, recording problems in `fields`; nil when a required field is missing.
    static func read(_ fields: inout FieldReader) -> ProjectDraft? {
        let name = fields.name("name", required: true)
        let key = fields.string("key", maxLength: 50)
        if let key, let problem = ProjectKey.problem(key) {
            fields.fail("key", problem)
        }
        let description = fields.description().value
        let status = fields.choice("status", as: ProjectStatus.self) ?? .active
        let teamID = fields.nullableID("team_id").value
        let organizationID = fields.nullableID("organization_id").value
        let startDate = fields.calendarDate("start_date").value
        let dueDate = fields.calendarDate("due_date").value
        if let startDate, let dueDate, dueDate < startDate {
            fields.fail("due_date", "Must be on or after start_date (\(startDate))")
        }
        guard let name else { return nil }
        return ProjectDraft(
            name: name,
            key: key,
            description: description,
            status: status,
            teamID: teamID,
            organizationID: organizationID,
            startDate: startDate,
            dueDate: dueDate
        )
    }

    /// In characters.
    static let maxDescriptionLength = 10_000
}

/// The fields of a `PATCH /api/v1/projects/{id}`; absent fields stay as they are.
struct ProjectChanges: Sendable {
    var name: String?
    var key: String?
    var description: Patch<String>
    var status: ProjectStatus?
    var teamID: Patch<String>
    var organizationID: Patch<String>
    var startDate: Patch<CalendarDate>
    var dueDate: Patch<CalendarDate>

    /// Reads the changes, recording problems in `fields`. `name`, `key` and `status` may not be null; the other
    /// fields are cleared by null.
    static func read(_ fields: inout FieldReader) -> ProjectChanges {
        for field in ["name", "key", "status"] where fields.object[field] == .null {
            fields.fail(field, "May not be null")
        }
        let name = fields.name("name", required: false)
        let key = fields.string("key", maxLength: 50)
        if let key, let problem = ProjectKey.problem(key) {
            fields.fail("key", problem)
        }
        return ProjectChanges(
            name: name,
            key: key,
            description: fields.description(),
            status: fields.choice("status", as: ProjectStatus.self),
            teamID: fields.nullableID("team_id"),
            organizationID: fields.nullableID("organization_id"),
            startDate: fields.calendarDate("start_date"),
            dueDate: fields.calendarDate("due_date")
        )
    }

    /// `project` with the changes applied; `updated_at` is left to the caller.
    func applied(to project: ProjectRecord) -> ProjectRecord {
        var result = project
        result.name = self.name ?? project.name
        result.key = self.key ?? project.key
        result.description = self.description.applied(to: project.description)
        result.status = self.status ?? project.status
        result.teamID = self.teamID.applied(to: project.teamID)
        result.organizationID = self.organizationID.applied(to: project.organizationID)
        result.startDate = self.startDate.applied(to: project.startDate)
        result.dueDate = self.dueDate.applied(to: project.dueDate)
        return result
    }

    /// Returns the API names of the fields whose values differ between `old` and `new`.
    static func changedFields(from old: ProjectRecord, to new: ProjectRecord) -> [String] {
        var fields: [String] = []
        if old.name != new.name { fields.append("name") }
        if old.key != new.key { fields.append("key") }
        if old.description != new.description { fields.append("description") }
        if old.status != new.status { fields.append("status") }
        if old.teamID != new.teamID { fields.append("team_id") }
        if old.organizationID != new.organizationID { fields.append("organization_id") }
        if old.startDate != new.startDate { fields.append("start_date") }
        if old.dueDate != new.dueDate { fields.append("due_date") }
        return fields
    }
}
