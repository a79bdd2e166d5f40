import Database
import Foundation
import HTTPServer
import Platform

extension TaskService {
    /// Creates `drafts` in `projectID` as `reporterID`, numbered in order, in one transaction with one
    /// `task.created` event each; returns the new ids in draft order.
    ///
    /// The caller is another service acting on its own authority (a project template's instantiation), so no
    /// membership is checked here.
    ///
    /// - Throws: `400 VALIDATION_ERROR` naming `tasks[i].field` for an invalid draft, before anything is written.
    public func createTasks(_ drafts: [TaskDraft], in projectID: String, reporterID: String) async throws -> [String] {
        guard !drafts.isEmpty else { return [] }
        let project = Self.pathID(projectID)
        let reporter = Self.pathID(reporterID)
        guard let project, let reporter else {
            var errors: [String: [String]] = [:]
            if project == nil { errors["project_id"] = ["Must be a valid UUID"] }
            if reporter == nil { errors["reporter_id"] = ["Must be a valid UUID"] }
            throw HTTPError.validation(errors)
        }
        try Self.validate(drafts)

        let now = TaskClock.now()
        let records = drafts.map { draft in
            let record = TaskRecord(
                id: UUIDv7.make().uuidString.lowercased(),
                projectID: project,
                number: 0,
                title: "",
                reporterID: reporter,
                createdAt: now
            )
            return TaskInput(draft: draft).applied(to: record, now: now)
        }
        return try await self.context.write { connection in
            let first = try TaskStore.reserveNumbers(count: records.count, in: project, on: connection)
            for (offset, record) in records.enumerated() {
                var task = record
                task.number = first + Int64(offset)
                task.position = task.number
                try TaskStore.insert(task, on: connection)
                try Outbox.append(TaskEvents.created(task, actorID: reporter), on: connection)
            }
            return records.map(\.id)
        }
    }

    /// Checks every draft with the rules of `POST /api/v1/tasks`.
    private static func validate(_ drafts: [TaskDraft]) throws(HTTPError) {
        var errors: [String: [String]] = [:]
        for (index, draft) in drafts.enumerated() {
            let prefix = "tasks[\(index)]."
            let title = draft.title.trimmingCharacters(in: .whitespacesAndNewlines)
            if !TaskInput.titleLength.contains(title.count) {
                errors[prefix + "title", default: []].append(
                    "Must be 1 to \(TaskInput.titleLength.upperBound) characters"
                )
            }
            if draft.description.count > TaskInput.maxDescriptionLength {
                errors[prefix + "description", default: []].append(
                    "Must be at most \(TaskInput.maxDescriptionLength) characters"
                )
            }
            if TaskPriority(rawValue: draft.priority) == nil {
                errors[prefix + "priority", default: []].append(
                    "Must be one of: \(TaskPriority.names.joined(separator: ", "))"
                )
            }
            if let dueDate = draft.dueDate, CalendarDate(dueDate) == nil {
                errors[prefix + "due_date", default: []].append("Must be a date in the form YYYY-MM-DD")
            }
            if let milestoneID = draft.milestoneID, UUID(uuidString: milestoneID) == nil {
                errors[prefix + "milestone_id", default: []].append("Must be a valid UUID")
            }
        }
        if !errors.isEmpty {
            throw HTTPError.validation(errors)
        }
    }
}
