import HTTPServer
import Platform

/// The events this service writes to its outbox. Every payload has `task_id`, `project_id`, `number` and
/// `title`; the rest is listed per event.
enum TaskEvents {
    static let producer = ServiceName.tasks.rawValue

    /// `task.created`: the base fields plus a snapshot of the new task (see `snapshot`).
    static func created(_ task: TaskRecord, actorID: String) -> Event {
        Event(type: "task.created", producer: Self.producer, actorID: actorID, data: Self.snapshot(task))
    }

    /// `task.created` for an imported task: the snapshot plus `imported: true` and `source_ref`, the record it
    /// came from, so that consumers can tell a copy of old history from new work.
    static func imported(_ task: TaskRecord, sourceRef: String, actorID: String) -> Event {
        var data = Self.snapshot(task)
        data["imported"] = true
        data["source_ref"] = .string(sourceRef)
        return Event(type: "task.created", producer: Self.producer, actorID: actorID, data: data)
    }

    /// `task.updated`: the snapshot after the change and `changed`, the names of the fields that changed.
    static func updated(_ task: TaskRecord, changed: [String], actorID: String) -> Event {
        var data = Self.snapshot(task)
        data["changed"] = .array(changed.map { .string($0) })
        return Event(type: "task.updated", producer: Self.producer, actorID: actorID, data: data)
    }

    /// `task.assigned`: also `assignee_id` (null when unassigned), `previous_assignee_id` and `reporter_id`.
    static func assigned(_ task: TaskRecord, previousAssigneeID: String?, actorID: String) -> Event {
        var data = Self.base(task)
        data["assignee_id"] = .string(task.assigneeID)
        data["previous_assignee_id"] = .string(previousAssigneeID)
        data["reporter_id"] = .string(task.reporterID)
        return Event(type: "task.assigned", producer: Self.producer, actorID: actorID, data: data)
    }

    /// `task.status_changed`: also `from`, `to`, `reporter_id`, `assignee_id` and `completed_at`.
    static func statusChanged(_ task: TaskRecord, from previous: TaskStatus, actorID: String) -> Event {
        var data = Self.base(task)
        data["from"] = .string(previous.rawValue)
        data["to"] = .string(task.status.rawValue)
        data["reporter_id"] = .string(task.reporterID)
        data["assignee_id"] = .string(task.assigneeID)
        data["completed_at"] = .string(task.completedAt)
        return Event(type: "task.status_changed", producer: Self.producer, actorID: actorID, data: data)
    }

    /// `task.deleted`: the base fields only.
    static func deleted(_ task: TaskRecord, actorID: String) -> Event {
        Event(type: "task.deleted", producer: Self.producer, actorID: actorID, data: Self.base(task))
    }

    /// Builds the events for an update from `before` to `after`: `task.updated` naming the changed fields, and
    /// `task.assigned` or `task.status_changed` when the assignee or status changed. Empty when nothing did.
    static func changes(from before: TaskRecord, to after: TaskRecord, actorID: String) -> [Event] {
        let changed = Self.changedFields(from: before, to: after)
        guard !changed.isEmpty else { return [] }
        var events = [Self.updated(after, changed: changed, actorID: actorID)]
        if before.assigneeID != after.assigneeID {
            events.append(Self.assigned(after, previousAssigneeID: before.assigneeID, actorID: actorID))
        }
        if before.status != after.status {
            events.append(Self.statusChanged(after, from: before.status, actorID: actorID))
        }
        return events
    }

    /// Lists the API names of the editable fields that differ between `before` and `after`, in field order.
    /// `completed_at` counts as a change of its own when the status moves it.
    static func changedFields(from before: TaskRecord, to after: TaskRecord) -> [String] {
        var names: [String] = []
        if before.title != after.title { names.append("title") }
        if before.description != after.description { names.append("description") }
        if before.status != after.status { names.append("status") }
        if before.priority != after.priority { names.append("priority") }
        if before.assigneeID != after.assigneeID { names.append("assignee_id") }
        if before.milestoneID != after.milestoneID { names.append("milestone_id") }
        if before.parentID != after.parentID { names.append("parent_id") }
        if before.dueDate != after.dueDate { names.append("due_date") }
        if before.startDate != after.startDate { names.append("start_date") }
        if before.estimateMinutes != after.estimateMinutes { names.append("estimate_minutes") }
        if before.labels != after.labels { names.append("labels") }
        if before.position != after.position { names.append("position") }
        if before.completedAt != after.completedAt { names.append("completed_at") }
        return names
    }

    private static func base(_ task: TaskRecord) -> JSONObject {
        [
            "task_id": .string(task.id),
            "project_id": .string(task.projectID),
            "number": .int(task.number),
            "title": .string(task.title),
        ]
    }

    /// Returns the base fields plus `status`, `priority`, `assignee_id`, `reporter_id`, `milestone_id`, `parent_id`,
    /// `due_date`, `start_date`, `estimate_minutes`, `labels`, `completed_at`, `created_at` and `updated_at`,
    /// so that read models (analytics) need not call back.
    private static func snapshot(_ task: TaskRecord) -> JSONObject {
        var data = Self.base(task)
        data["status"] = .string(task.status.rawValue)
        data["priority"] = .string(task.priority.rawValue)
        data["assignee_id"] = .string(task.assigneeID)
        data["reporter_id"] = .string(task.reporterID)
        data["milestone_id"] = .string(task.milestoneID)
        data["parent_id"] = .string(task.parentID)
        data["due_date"] = .string(task.dueDate)
        data["start_date"] = .string(task.startDate)
        data["estimate_minutes"] = task.estimateMinutes.map { .int($0) } ?? .null
        data["labels"] = .array(task.labels.map { .string($0) })
        data["completed_at"] = .string(task.completedAt)
        data["created_at"] = .string(task.createdAt)
        data["updated_at"] = .string(task.updatedAt)
        return data
    }
}
