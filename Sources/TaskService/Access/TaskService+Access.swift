import Database
import Foundation
import HTTPServer
import Platform

/// Object-level access: the projects service decides who may see a project's tasks, and this service returns
/// `404` for tasks the caller may not see, exactly as for tasks that do not exist.
extension TaskService {
    static let taskNotFound = HTTPError.notFound("TASK_NOT_FOUND", "Task not found")

    /// Returns the caller's role over the tasks of `projectID`, a project known to have tasks here, or nil when
    /// the caller may not see the project.
    ///
    /// Admins see every object, so they act as `owner` without asking the projects service.
    func role(of user: AuthenticatedUser, forTasksIn projectID: String) async throws -> ProjectRole? {
        if user.isAdmin { return .owner }
        let projects = self.projects
        return try await self.callProjects { try await projects.role(of: user.id, in: projectID) }
    }

    /// Returns the caller's role in a project named by a request body, such as `project_id` of a new task. It is
    /// nil when the projects service reports no role, which covers both a missing and an invisible project.
    ///
    /// NOTE: admins need a role too, because the projects client has no way to confirm that a project exists
    /// for a user who is not its member.
    func role(of user: AuthenticatedUser, inReferencedProject projectID: String) async throws -> ProjectRole? {
        let projects = self.projects
        let role = try await self.callProjects { try await projects.role(of: user.id, in: projectID) }
        if role != nil, user.isAdmin { return .owner }
        return role
    }

    /// Loads the task at the path's `{id}` when the caller can see it, with the caller's role.
    ///
    /// - Throws: `404 TASK_NOT_FOUND` for an id that is not a UUID, a missing task, or one in a project the
    ///   caller may not see.
    func visibleTask(_ request: Request, user: AuthenticatedUser) async throws -> (task: TaskRecord, role: ProjectRole)
    {
        guard let id = Self.pathID(request.parameter("id")) else { throw Self.taskNotFound }
        let task = try await self.context.database.read { connection in
            try TaskStore.task(id: id, on: connection)
        }
        guard let task else { throw Self.taskNotFound }
        guard let role = try await self.role(of: user, forTasksIn: task.projectID) else { throw Self.taskNotFound }
        return (task, role)
    }

    /// Throws `403 AUTHORIZATION_FAILED` unless `role` may create and change tasks (member or above).
    func requireTaskWriter(_ role: ProjectRole) throws(HTTPError) {
        guard role >= .member else {
            throw HTTPError.forbidden("Viewers can read this project's tasks but not change them")
        }
    }

    /// Runs a call to the projects service; a failure of that service becomes `503 SERVICE_UNAVAILABLE`, so the
    /// caller retries instead of seeing an internal error.
    func callProjects<T: Sendable>(_ call: () async throws -> T) async throws -> T {
        do {
            return try await call()
        } catch let error as HTTPError {
            throw error
        } catch {
            Logger.current.error(
                "The projects service call failed; the request gets 503",
                metadata: ["error": String(describing: error)]
            )
            throw HTTPError.serviceUnavailable(retryAfter: 5)
        }
    }

    /// True when `userID` may be assigned tasks of `projectID`: a member of the project in any role.
    func isProjectMember(_ userID: String, of projectID: String) async throws -> Bool {
        let projects = self.projects
        return try await self.callProjects { try await projects.isMember(userID: userID, of: projectID) }
    }

    /// Throws `400` on `milestone_id` unless the milestone belongs to `projectID`; a milestone of another project
    /// gets the same error as a missing one, so it reveals nothing.
    func checkMilestone(_ milestoneID: String, in projectID: String) async throws {
        let projects = self.projects
        let owner = try await self.callProjects { try await projects.projectID(ofMilestone: milestoneID) }
        guard owner == projectID else {
            throw HTTPError.invalidField("milestone_id", "Milestone not found in this project")
        }
    }

    /// Throws `404` when a list filter names a milestone or a parent task that the caller may not see, exactly as
    /// for one that does not exist.
    func checkFilterReferences(_ filters: TaskFilters, user: AuthenticatedUser) async throws {
        if case .id(let milestoneID) = filters.milestone {
            let projects = self.projects
            let projectID = try await self.callProjects { try await projects.projectID(ofMilestone: milestoneID) }
            guard let projectID, try await self.role(of: user, forTasksIn: projectID) != nil else {
                throw HTTPError.notFound("MILESTONE_NOT_FOUND", "Milestone not found")
            }
        }
        if case .id(let parentID) = filters.parent {
            let parent = try await self.context.database.read { connection in
                try TaskStore.task(id: parentID, on: connection)
            }
            guard let parent, try await self.role(of: user, forTasksIn: parent.projectID) != nil else {
                throw Self.taskNotFound
            }
        }
    }

    /// Parses a path segment as a lower-case UUID; nil when it is not one.
    static func pathID(_ text: String) -> String? {
        UUID(uuidString: text)?.uuidString.lowercased()
    }
}
