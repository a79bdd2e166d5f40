import Database
import HTTPServer
import Platform

/// Tasks: creation with per-project numbers, lists with filters and keyset paging, updates, assignment, status
/// changes guarded by dependencies, the dependency graph, and task templates.
///
/// Project membership comes from the projects service and assignee summaries from the users service, both
/// through their clients; this service never reads their databases.
public final class TaskService: Service, TaskClient {
    public static let name = ServiceName.tasks

    let context: ServiceContext
    let projects: any ProjectAccessClient
    let users: any UserDirectoryClient
    /// The ids of the projects a user can see, for lists without a `project_id` filter.
    let visibleProjectIDs: @Sendable (String) async throws -> [String]
    let userLookupFailed = ThrottledWarning("The users service failed to return assignee summaries")
    let userLookupTimedOut = ThrottledWarning("The users service did not return assignee summaries in time")

    /// - Parameter visibleProjectIDs: returns the ids of the projects the user with the given id can see, in
    ///   any role. The composition root wires it to the projects service. It is not called for admins, because
    ///   they see every task.
    public init(
        context: ServiceContext,
        projects: any ProjectAccessClient,
        users: any UserDirectoryClient,
        visibleProjectIDs: @escaping @Sendable (String) async throws -> [String]
    ) {
        self.context = context
        self.projects = projects
        self.users = users
        self.visibleProjectIDs = visibleProjectIDs
    }

    public static func migrations(for dialect: SQLDialect) -> [Migration] {
        TaskMigrations.all(for: dialect)
    }

    /// Subscribes to `project.deleted`, whose tasks this service then deletes.
    public func start() async throws {
        self.context.bus.subscribe(to: "project.deleted", consumer: Self.projectDeletedConsumer) { event in
            try await self.handleProjectDeleted(event)
        }
    }

    public func addRoutes(to router: inout Router) {
        router.post("/api/v1/tasks") { try await self.createTask($0) }
        router.get("/api/v1/tasks") { try await self.listTasks($0) }
        router.get("/api/v1/tasks/{id}") { try await self.getTask($0) }
        router.patch("/api/v1/tasks/{id}") { try await self.updateTask($0) }
        router.delete("/api/v1/tasks/{id}") { try await self.deleteTask($0) }
        router.post("/api/v1/tasks/{id}/assign") { try await self.assignTask($0) }
        router.post("/api/v1/tasks/{id}/status") { try await self.changeStatus($0) }
        router.get("/api/v1/tasks/{id}/dependencies") { try await self.listDependencies($0) }
        router.post("/api/v1/tasks/{id}/dependencies") { try await self.addDependency($0) }
        router.delete("/api/v1/tasks/{id}/dependencies/{depends_on_id}") { try await self.removeDependency($0) }
        router.get("/api/v1/task-templates") { try await self.listTemplates($0) }
        router.post("/api/v1/task-templates") { try await self.createTemplate($0) }
        router.post("/api/v1/task-templates/{id}/instantiate") { try await self.instantiateTemplate($0) }
    }
}
