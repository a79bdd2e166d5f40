import Database
import Foundation
import HTTPServer
import Platform

extension TaskService {
    static let projectNotFound = "Project not found"
    static let notAProjectMember = "User is not a member of this project"
    static let parentNotFound = "Task not found in this project"

    /// `POST /api/v1/tasks`: creates a task numbered after the project's last one, as the caller (its reporter).
    func createTask(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let body = try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes)
        let task = try await self.createTask(from: body, template: nil, user: user)
        let assignee = await self.assigneeSummary(task.assigneeID)
        return .success(task.json(assignee: assignee), status: .created)
    }

    /// Creates a task from a create body, on top of `template` when instantiating one.
    ///
    /// The caller must be a member, manager or owner of `project_id`: a project the caller cannot see is
    /// `400` on `project_id`, worded as for a missing one, and a viewer gets `403`. The assignee must be a
    /// member of the project, and the parent a task of the same project.
    func createTask(
        from body: JSONObject,
        template: TaskTemplateRecord?,
        user: AuthenticatedUser
    ) async throws
        -> TaskRecord
    {
        var fields = FieldReader(body)
        let projectID = fields.requiredID("project_id")
        let input = TaskInput(reading: &fields, requireTitle: template == nil)
        try fields.finish()
        guard let projectID else { throw HTTPError.validation(["project_id": ["This field is required"]]) }

        async let projectRole = self.role(of: user, inReferencedProject: projectID)
        var assigneeIsMember = true
        if case .value(let assigneeID) = input.assigneeID {
            assigneeIsMember = try await self.isProjectMember(assigneeID, of: projectID)
        }
        guard let role = try await projectRole else { throw HTTPError.invalidField("project_id", Self.projectNotFound) }
        try self.requireTaskWriter(role)
        guard assigneeIsMember else { throw HTTPError.invalidField("assignee_id", Self.notAProjectMember) }
        if case .value(let milestoneID) = input.milestoneID {
            try await self.checkMilestone(milestoneID, in: projectID)
        }

        let now = TaskClock.now()
        var draft = TaskRecord(
            id: UUIDv7.make().uuidString.lowercased(),
            projectID: projectID,
            number: 0,
            title: template?.title ?? "",
            reporterID: user.id,
            createdAt: now
        )
        if let template {
            draft.description = template.taskDescription
            draft.priority = template.priority
            draft.estimateMinutes = template.estimateMinutes
        }
        draft = input.applied(to: draft, now: now)
        let problems = TaskInput.problems(of: draft)
        if !problems.isEmpty { throw HTTPError.validation(problems) }

        let record = draft
        let keepsPosition = input.position != nil
        let actorID = user.id
        let missingParent = HTTPError.invalidField("parent_id", Self.parentNotFound)
        return try await self.write(reportingMissingReferenceAs: missingParent) { connection in
            if let parentID = record.parentID {
                try Self.checkParent(parentID, of: record, isNew: true, on: connection)
            }
            var task = record
            task.number = try TaskStore.reserveNumbers(count: 1, in: task.projectID, on: connection)
            if !keepsPosition { task.position = task.number }
            try TaskStore.insert(task, on: connection)
            try Outbox.append(TaskEvents.created(task, actorID: actorID), on: connection)
            return task
        }
    }

    /// Throws `400` on `parent_id` unless `parentID` is a task in the project of `task` and not `task` itself or
    /// one of its subtasks at any depth. A task that `isNew` has no subtasks yet, so the walk up is skipped.
    static func checkParent(
        _ parentID: String,
        of task: TaskRecord,
        isNew: Bool = false,
        on connection: any DatabaseConnection
    ) throws {
        guard let parent = try TaskStore.task(id: parentID, on: connection), parent.projectID == task.projectID else {
            throw HTTPError.invalidField("parent_id", Self.parentNotFound)
        }
        if !isNew, try TaskStore.isSelfOrAncestor(task.id, of: parentID, on: connection) {
            throw HTTPError.invalidField("parent_id", "A task cannot be its own parent or a subtask of its subtasks")
        }
    }
}
