import Database
import HTTPServer
import Platform

extension TaskService {
    static let dependencyNotFound = HTTPError.notFound("NOT_FOUND", "Dependency not found")

    /// `GET /api/v1/tasks/{id}/dependencies`: `blocked_by` (the tasks this one depends on) and `blocks` (the
    /// tasks that depend on it), as task summaries. Tasks of other projects appear only when the caller can
    /// see their project.
    func listDependencies(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let (task, _) = try await self.visibleTask(request, user: user)
        let (blockers, dependents) = try await self.context.database.read { connection in
            (
                try TaskStore.blockers(of: task.id, on: connection),
                try TaskStore.dependents(of: task.id, on: connection)
            )
        }

        let otherProjects = Set((blockers + dependents).map(\.projectID)).subtracting([task.projectID])
        var visible: Set<String> = [task.projectID]
        if user.isAdmin {
            visible.formUnion(otherProjects)
        } else if !otherProjects.isEmpty {
            let projects = self.projects
            let roles = try await self.callProjects { try await projects.roles(of: user.id, in: Array(otherProjects)) }
            visible.formUnion(roles.keys)
        }
        let data: JSONValue = [
            "blocked_by": .array(blockers.filter { visible.contains($0.projectID) }.map(\.summaryJSON)),
            "blocks": .array(dependents.filter { visible.contains($0.projectID) }.map(\.summaryJSON)),
        ]
        return .success(data)
    }

    /// `POST /api/v1/tasks/{id}/dependencies`: `{"depends_on_id": "…"}` makes the task blocked by that one.
    ///
    /// `409 DEPENDENCY_CYCLE` when the task would depend on itself, directly or through other tasks. The other
    /// task may be in another project only when the caller can see that project. Otherwise it is `400` on
    /// `depends_on_id`, as for a missing task. A dependency that already exists is `400`.
    func addDependency(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        var fields = FieldReader(try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes))
        let dependsOnID = fields.requiredID("depends_on_id")
        try fields.finish()
        guard let dependsOnID else { throw HTTPError.validation(["depends_on_id": ["This field is required"]]) }

        let (task, role) = try await self.visibleTask(request, user: user)
        try self.requireTaskWriter(role)
        if dependsOnID == task.id {
            throw HTTPError.conflict("A task cannot depend on itself", code: "DEPENDENCY_CYCLE")
        }
        let blocker = try await self.context.database.read { connection in
            try TaskStore.task(id: dependsOnID, on: connection)
        }
        guard let blocker else { throw HTTPError.invalidField("depends_on_id", Self.dependencyTargetNotFound) }
        if blocker.projectID != task.projectID {
            guard try await self.role(of: user, forTasksIn: blocker.projectID) != nil else {
                throw HTTPError.invalidField("depends_on_id", Self.dependencyTargetNotFound)
            }
        }

        let now = TaskClock.now()
        let actorID = user.id
        let missingTask = HTTPError.invalidField("depends_on_id", Self.dependencyTargetNotFound)
        try await self.write(reportingMissingReferenceAs: missingTask) { connection in
            try TaskStore.lockDependencyGraph(on: connection)
            guard try TaskStore.task(id: task.id, on: connection) != nil else { throw Self.taskNotFound }
            guard try TaskStore.task(id: blocker.id, on: connection) != nil else {
                throw HTTPError.invalidField("depends_on_id", Self.dependencyTargetNotFound)
            }
            if try TaskStore.dependencyExists(taskID: task.id, dependsOnID: blocker.id, on: connection) {
                throw HTTPError.invalidField("depends_on_id", "This task already depends on that task")
            }
            if try TaskStore.dependencyPathExists(from: blocker.id, to: task.id, on: connection) {
                throw HTTPError.conflict(
                    "The dependency would close a cycle: that task already depends on this one, directly or through other tasks",
                    code: "DEPENDENCY_CYCLE"
                )
            }
            try TaskStore.insertDependency(
                taskID: task.id,
                dependsOnID: blocker.id,
                createdBy: actorID,
                createdAt: now,
                on: connection
            )
        }
        let data: JSONValue = [
            "task_id": .string(task.id),
            "depends_on_id": .string(blocker.id),
            "depends_on": blocker.summaryJSON,
            "created_at": .string(now),
        ]
        return .success(data, status: .created)
    }

    /// `DELETE /api/v1/tasks/{id}/dependencies/{depends_on_id}`: `204`, or `404` when there is no such
    /// dependency.
    func removeDependency(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let (task, role) = try await self.visibleTask(request, user: user)
        try self.requireTaskWriter(role)
        guard let dependsOnID = Self.pathID(request.parameter("depends_on_id")) else { throw Self.dependencyNotFound }

        let removed = try await self.context.write { connection in
            try TaskStore.deleteDependency(taskID: task.id, dependsOnID: dependsOnID, on: connection)
        }
        guard removed else { throw Self.dependencyNotFound }
        return .noContent
    }

    static let dependencyTargetNotFound = "Task not found"
}
