import Database
import Foundation
import HTTPServer
import Platform

/// Projects, their members and milestones, and project templates. The service owns project membership, which
/// other services query through `ProjectAccessClient`.
///
/// A user sees a project when they are a direct member or a member of the project's team, who counts as
/// `member` unless given a role directly. Admins see every project, member list and milestone, but change
/// them only through a role they hold in the project.
public final class ProjectService: Service, ProjectAccessClient {
    public static let name = ServiceName.projects

    let context: ServiceContext
    let users: any UserDirectoryClient
    /// Resolved on use, because the tasks service is built after this one and depends on it.
    let tasks: @Sendable () -> (any TaskClient)?

    public init(
        context: ServiceContext,
        users: any UserDirectoryClient,
        tasks: @escaping @Sendable () -> (any TaskClient)?
    ) {
        self.context = context
        self.users = users
        self.tasks = tasks
    }

    public static func migrations(for dialect: SQLDialect) -> [Migration] {
        ProjectMigrations.all(for: dialect)
    }

    /// Subscribes to no events, because team membership is read from the users service when needed rather than
    /// copied into this database.
    public func start() async throws {}

    public func addRoutes(to router: inout Router) {
        router.post("/api/v1/projects") { try await self.createProject($0) }
        router.get("/api/v1/projects") { try await self.listProjects($0) }
        router.get("/api/v1/projects/{id}") { try await self.getProject($0) }
        router.patch("/api/v1/projects/{id}") { try await self.updateProject($0) }
        router.delete("/api/v1/projects/{id}") { try await self.deleteProject($0) }

        router.get("/api/v1/projects/{id}/members") { try await self.listMembers($0) }
        router.post("/api/v1/projects/{id}/members") { try await self.addMember($0) }
        router.patch("/api/v1/projects/{id}/members/{user_id}") { try await self.changeMemberRole($0) }
        router.delete("/api/v1/projects/{id}/members/{user_id}") { try await self.removeMember($0) }

        router.get("/api/v1/projects/{id}/milestones") { try await self.listMilestones($0) }
        router.post("/api/v1/projects/{id}/milestones") { try await self.createMilestone($0) }
        router.get("/api/v1/projects/{id}/milestones/{milestone_id}") { try await self.getMilestone($0) }
        router.patch("/api/v1/projects/{id}/milestones/{milestone_id}") { try await self.updateMilestone($0) }
        router.delete("/api/v1/projects/{id}/milestones/{milestone_id}") { try await self.deleteMilestone($0) }

        router.get("/api/v1/project-templates") { try await self.listTemplates($0) }
        router.post("/api/v1/project-templates") { try await self.createTemplate($0) }
        router.get("/api/v1/project-templates/{id}") { try await self.getTemplate($0) }
        router.delete("/api/v1/project-templates/{id}") { try await self.deleteTemplate($0) }
        router.post("/api/v1/project-templates/{id}/instantiate") { try await self.instantiateTemplate($0) }
    }
}
