import HTTPServer
import Platform

extension TaskService {
    /// `POST /api/v1/tasks/{id}/assign`: `{"assignee_id": "…"}` assigns a project member, `null` unassigns.
    func assignTask(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        var fields = FieldReader(try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes))
        var input = TaskInput()
        input.assigneeID = fields.nullableID("assignee_id")
        if case .absent = input.assigneeID, !fields.contains("assignee_id") {
            fields.fail("assignee_id", "This field is required; send null to unassign")
        }
        try fields.finish()
        let task = try await self.applyUpdate(input, request: request, user: user)
        return .success(task.json(assignee: await self.assigneeSummary(task.assigneeID)))
    }

    /// `POST /api/v1/tasks/{id}/status`: `{"status": "done"}`; `409 TASK_BLOCKED` when moving to `done` while
    /// a blocker is neither done nor cancelled.
    func changeStatus(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        var fields = FieldReader(try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes))
        var input = TaskInput()
        if fields.object["status"] == nil || fields.object["status"] == .null {
            fields.fail("status", "This field is required")
        }
        input.status = fields.choice("status", as: TaskStatus.self)
        try fields.finish()
        let task = try await self.applyUpdate(input, request: request, user: user)
        return .success(task.json(assignee: await self.assigneeSummary(task.assigneeID)))
    }
}
