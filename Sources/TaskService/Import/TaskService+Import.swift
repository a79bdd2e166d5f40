import Database
import Foundation
import HTTPServer
import Platform

extension TaskService {
    /// Longest accepted source reference, in characters.
    static let maxSourceRefLength = 500

    /// Creates the tasks of `imports` that `projectID` does not have yet, in one transaction, numbered in the
    /// order given after the project's last task, and writes `task.created` for each with `imported: true`.
    ///
    /// A task whose `sourceRef` the project already has is skipped and left unchanged, so importing the same
    /// records again creates nothing. Timestamps come from the source: `created_at` is `createdAt`, and a
    /// `done` task's `completed_at` is `completedAt`, raised to `createdAt` when the source has it earlier.
    /// The caller is the composition root acting on an operator's authority, so no membership is checked: it
    /// must make reporters and assignees members and create the milestones first.
    ///
    /// - Throws: `400 VALIDATION_ERROR` naming `tasks[i].field` for an invalid task, before anything is written.
    public func importTasks(
        _ imports: [TaskImport],
        into projectID: String,
        actorID: String
    ) async throws
        -> TaskImportResult
    {
        guard let project = Self.pathID(projectID) else {
            throw HTTPError.invalidField("project_id", "Must be a valid UUID")
        }
        guard let actor = Self.pathID(actorID) else { throw HTTPError.invalidField("actor_id", "Must be a valid UUID") }
        let records = try Self.importedRecords(imports, projectID: project)
        guard !records.isEmpty else { return TaskImportResult() }

        return try await self.context.write { connection in
            let existing = try TaskStore.sourceRefs(projectID: project, on: connection)
            let fresh = records.filter { !existing.contains($0.sourceRef) }
            var result = TaskImportResult()
            result.existingRefs = records.map(\.sourceRef).filter { existing.contains($0) }
            guard !fresh.isEmpty else { return result }

            let first = try TaskStore.reserveNumbers(count: fresh.count, in: project, on: connection)
            for (offset, imported) in fresh.enumerated() {
                var task = imported.task
                task.number = first + Int64(offset)
                task.position = task.number
                try TaskStore.insert(task, sourceRef: imported.sourceRef, on: connection)
                try Outbox.append(
                    TaskEvents.imported(task, sourceRef: imported.sourceRef, actorID: actor),
                    on: connection
                )
                result.createdIDs[imported.sourceRef] = task.id
            }
            return result
        }
    }

    /// Validates `imports` with the rules of `POST /api/v1/tasks` and builds their rows, numbered 0.
    private static func importedRecords(
        _ imports: [TaskImport],
        projectID: String
    ) throws(HTTPError)
        -> [(sourceRef: String, task: TaskRecord)]
    {
        var errors: [String: [String]] = [:]
        var records: [(sourceRef: String, task: TaskRecord)] = []
        var seenRefs: Set<String> = []
        for (index, item) in imports.enumerated() {
            var problems = ImportProblems(prefix: "tasks[\(index)].")
            let title = item.title.trimmingCharacters(in: .whitespacesAndNewlines)
            let labels = Self.distinct(item.labels.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
            let status = TaskStatus(rawValue: item.status)
            let reporterID = Self.pathID(item.reporterID)
            let assigneeID = item.assigneeID.map(Self.pathID)
            let milestoneID = item.milestoneID.map(Self.pathID)

            if item.sourceRef.isEmpty || item.sourceRef.count > Self.maxSourceRefLength {
                problems.add("source_ref", "Must be 1 to \(Self.maxSourceRefLength) characters")
            } else if !seenRefs.insert(item.sourceRef).inserted {
                problems.add("source_ref", "Appears twice in this batch: \(item.sourceRef)")
            }
            if !TaskInput.titleLength.contains(title.count) {
                problems.add("title", "Must be 1 to \(TaskInput.titleLength.upperBound) characters")
            }
            if item.description.count > TaskInput.maxDescriptionLength {
                problems.add("description", "Must be at most \(TaskInput.maxDescriptionLength) characters")
            }
            for (field, text) in [("source_ref", item.sourceRef), ("title", title), ("description", item.description)]
            where text.utf8.contains(0) {
                problems.add(field, "Must not contain NUL characters, which PostgreSQL cannot store")
            }
            if status == nil {
                problems.add("status", "Must be one of: \(TaskStatus.names.joined(separator: ", "))")
            }
            if labels.count > TaskInput.maxLabels {
                problems.add("labels", "Must have at most \(TaskInput.maxLabels) labels")
            }
            if labels.contains(where: {
                !(1...TaskInput.maxLabelLength).contains($0.count) || Self.hasControlCharacters($0)
            }) {
                problems.add(
                    "labels",
                    "Each label must be 1 to \(TaskInput.maxLabelLength) characters without control characters"
                )
            }
            if reporterID == nil { problems.add("reporter_id", "Must be a valid UUID") }
            if assigneeID == .some(nil) { problems.add("assignee_id", "Must be a valid UUID") }
            if milestoneID == .some(nil) { problems.add("milestone_id", "Must be a valid UUID") }
            errors.merge(problems.messages) { $0 + $1 }
            guard problems.messages.isEmpty, let status, let reporterID else { continue }

            let createdAt = TaskClock.format(item.createdAt)
            var task = TaskRecord(
                id: UUIDv7.make(now: item.createdAt).uuidString.lowercased(),
                projectID: projectID,
                number: 0,
                title: title,
                reporterID: reporterID,
                createdAt: createdAt
            )
            task.description = item.description
            task.status = status
            task.labels = labels
            task.assigneeID = assigneeID ?? nil
            task.milestoneID = milestoneID ?? nil
            let updatedAt = max(item.updatedAt ?? item.createdAt, item.createdAt)
            if status == .done {
                let completedAt = max(item.completedAt ?? updatedAt, item.createdAt)
                task.completedAt = TaskClock.format(completedAt)
                task.updatedAt = TaskClock.format(max(updatedAt, completedAt))
            } else {
                task.updatedAt = TaskClock.format(updatedAt)
            }
            records.append((item.sourceRef, task))
        }
        if !errors.isEmpty {
            throw HTTPError.validation(errors)
        }
        return records
    }

    private static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    private static func distinct(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}

/// Validation messages of one imported record, keyed by `prefix` plus the field name.
private struct ImportProblems {
    let prefix: String
    private(set) var messages: [String: [String]] = [:]

    init(prefix: String) {
        self.prefix = prefix
    }

    mutating func add(_ field: String, _ message: String) {
        self.messages[self.prefix + field, default: []].append(message)
    }
}
