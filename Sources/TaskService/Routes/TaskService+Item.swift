import Database
import Foundation
import HTTPServer
import Platform

extension TaskService {
    /// `GET /api/v1/tasks/{id}`: the task with `assignee` embedded.
    ///
    /// It costs one indexed read and the membership check. The assignee summary is fetched alongside the
    /// membership check, and it is `null` when the users service does not return it within `assigneeTimeout`.
    func getTask(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        guard let id = Self.pathID(request.parameter("id")) else { throw Self.taskNotFound }
        let task = try await self.context.database.read { connection in
            try TaskStore.task(id: id, on: connection)
        }
        guard let task else { throw Self.taskNotFound }

        async let assignee = self.assigneeSummary(task.assigneeID)
        guard try await self.role(of: user, forTasksIn: task.projectID) != nil else { throw Self.taskNotFound }
        return .success(task.json(assignee: await assignee))
    }

    /// `PATCH /api/v1/tasks/{id}`: a partial update with the create rules per field. `project_id` is fixed at
    /// creation and, like the other read-only fields, ignored in the body.
    func updateTask(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        var fields = FieldReader(try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes))
        let input = TaskInput(reading: &fields, requireTitle: false)
        try fields.finish()
        let task = try await self.applyUpdate(input, request: request, user: user)
        return .success(task.json(assignee: await self.assigneeSummary(task.assigneeID)))
    }

    /// `DELETE /api/v1/tasks/{id}`: members, managers and owners of the project may delete any of its tasks
    /// (viewers get `403`). Dependencies in both directions and labels go with the task; its subtasks stay and
    /// lose their parent.
    func deleteTask(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let (task, role) = try await self.visibleTask(request, user: user)
        try self.requireTaskWriter(role)

        let actorID = user.id
        try await self.context.write { connection in
            guard let current = try TaskStore.task(id: task.id, lock: true, on: connection) else {
                throw Self.taskNotFound
            }
            try TaskStore.delete(id: current.id, on: connection)
            try Outbox.append(TaskEvents.deleted(current, actorID: actorID), on: connection)
        }
        return .noContent
    }

    /// Applies `input` to the task at the path as `user`, who must be a member or above.
    ///
    /// The task is re-read and locked inside the transaction, so the events describe exactly the change made.
    /// Moving to `done` fails with `409 TASK_BLOCKED` while a blocker is neither done nor cancelled. An input
    /// that changes nothing writes nothing and keeps `updated_at`.
    func applyUpdate(_ input: TaskInput, request: Request, user: AuthenticatedUser) async throws -> TaskRecord {
        let (current, role) = try await self.visibleTask(request, user: user)
        try self.requireTaskWriter(role)
        if case .value(let assigneeID) = input.assigneeID, assigneeID != current.assigneeID {
            guard try await self.isProjectMember(assigneeID, of: current.projectID) else {
                throw HTTPError.invalidField("assignee_id", Self.notAProjectMember)
            }
        }
        if case .value(let milestoneID) = input.milestoneID, milestoneID != current.milestoneID {
            try await self.checkMilestone(milestoneID, in: current.projectID)
        }

        let now = TaskClock.now()
        let actorID = user.id
        let missingParent = HTTPError.invalidField("parent_id", Self.parentNotFound)
        return try await self.write(reportingMissingReferenceAs: missingParent) { connection in
            guard let before = try TaskStore.task(id: current.id, lock: true, on: connection) else {
                throw Self.taskNotFound
            }
            var after = input.applied(to: before, now: now)
            let problems = TaskInput.problems(of: after)
            if !problems.isEmpty { throw HTTPError.validation(problems) }
            if let parentID = after.parentID, parentID != before.parentID {
                try Self.checkParent(parentID, of: after, on: connection)
            }
            if after.status == .done, before.status != .done {
                let blockers = try TaskStore.unresolvedBlockerCount(of: after.id, on: connection)
                if blockers > 0 { throw Self.taskBlocked(blockers) }
            }

            guard !TaskEvents.changedFields(from: before, to: after).isEmpty else { return before }
            after.updatedAt = now
            try TaskStore.update(after, labelsChanged: before.labels != after.labels, on: connection)
            for event in TaskEvents.changes(from: before, to: after, actorID: actorID) {
                try Outbox.append(event, on: connection)
            }
            return after
        }
    }

    /// `409 TASK_BLOCKED` for a task with `count` unresolved blockers.
    static func taskBlocked(_ count: Int) -> HTTPError {
        let tasks = count == 1 ? "1 task that is" : "\(count) tasks that are"
        return HTTPError.conflict(
            "The task is blocked by \(tasks) neither done nor cancelled; finish or cancel them first",
            code: "TASK_BLOCKED"
        )
    }
}
