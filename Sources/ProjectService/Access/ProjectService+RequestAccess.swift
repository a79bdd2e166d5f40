import Database
import Foundation
import HTTPServer
import Platform

extension ProjectService {
    static let projectNotFound = HTTPError.notFound("PROJECT_NOT_FOUND", "Project not found")

    /// Returns the path parameter `name` as a lower-case UUID. A malformed id throws `notFound`, like an unknown one.
    static func pathID(_ request: Request, _ name: String, notFound: HTTPError) throws(HTTPError) -> String {
        guard let id = UUID(uuidString: request.parameter(name)) else { throw notFound }
        return id.uuidString.lowercased()
    }

    /// Returns the caller and their standing in the project of the `{id}` path parameter.
    ///
    /// - Throws: `401` without a valid token. `404 PROJECT_NOT_FOUND` when the project does not exist, or when
    ///   the caller is neither a member nor an admin. `503` when the users service fails while team membership
    ///   decides.
    func access(_ request: Request) async throws -> (user: AuthenticatedUser, access: ProjectAccess) {
        let user = try request.requireUser()
        let projectID = try Self.pathID(request, "id", notFound: Self.projectNotFound)
        return (user, try await self.access(to: projectID, for: user))
    }

    /// Returns the standing of `user` in `projectID`, with the rules and errors of `access(_:)`.
    func access(to projectID: String, for user: AuthenticatedUser) async throws -> ProjectAccess {
        let userID = user.id
        let found = try await self.context.database.read { connection in
            try ProjectStore.project(id: projectID, userID: userID, on: connection)
        }
        guard let (project, directRole) = found else { throw Self.projectNotFound }
        let role = try await self.effectiveRole(of: userID, directRole: directRole, teamID: project.teamID)
        guard role != nil || user.isAdmin else { throw Self.projectNotFound }
        return ProjectAccess(project: project, role: role)
    }

    /// Returns the direct role, else `member` when the user is in the project's team, else nil. It calls the
    /// users service only when there is no direct role and the project has a team.
    func effectiveRole(of userID: String, directRole: ProjectRole?, teamID: String?) async throws -> ProjectRole? {
        if let directRole { return directRole }
        guard let teamID else { return nil }
        return try await self.isTeamMember(userID, teamID: teamID) ? .member : nil
    }
}
