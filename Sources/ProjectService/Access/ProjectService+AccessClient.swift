import Database
import Foundation
import Platform

/// The `ProjectAccessClient` implementation. Admins get no role here, so callers that let admins through check
/// the admin role themselves. Failures of the users service are rethrown unchanged.
extension ProjectService {
    public func role(of userID: String, in projectID: String) async throws -> ProjectRole? {
        let roles = try await self.roles(of: userID, in: [projectID])
        return roles.values.first
    }

    /// Returns the effective roles with one query for the direct memberships of every project. It calls the
    /// users service for the user's teams at most once, and only when a project without a direct membership
    /// has a team.
    public func roles(of userID: String, in projectIDs: [String]) async throws -> [String: ProjectRole] {
        let ids = IDList.valid(projectIDs)
        guard let user = IDList.valid([userID]).first, !ids.isEmpty else { return [:] }
        let rows = try await self.context.database.read { connection in
            try ProjectStore.directRoles(userID: user, projectIDs: ids, on: connection)
        }

        var roles: [String: ProjectRole] = [:]
        var teamProjects: [(projectID: String, teamID: String)] = []
        for row in rows {
            if let role = row.directRole {
                roles[row.projectID] = role
            } else if let teamID = row.teamID {
                teamProjects.append((row.projectID, teamID))
            }
        }
        if !teamProjects.isEmpty {
            let teams = Set(IDList.valid(try await self.users.teamIDs(of: user)))
            for entry in teamProjects where teams.contains(entry.teamID) {
                roles[entry.projectID] = .member
            }
        }
        return self.keyedLikeRequest(roles, requested: projectIDs)
    }

    public func isMember(userID: String, of projectID: String) async throws -> Bool {
        try await self.role(of: userID, in: projectID) != nil
    }

    public func projectID(ofMilestone milestoneID: String) async throws -> String? {
        guard let id = UUID(uuidString: milestoneID) else { return nil }
        return try await self.context.database.read { connection in
            try connection.queryFirst("SELECT project_id FROM milestones WHERE id = $1", [.uuid(id)])
                .map { try $0.decode("project_id", as: UUID.self).uuidString.lowercased() }
        }
    }

    /// Returns the sorted ids of every project `userID` is a member of, directly or through a team, for lists
    /// that span projects. Runs one query after one call to the users service.
    public func visibleProjectIDs(for userID: String) async throws -> [String] {
        guard let user = IDList.valid([userID]).first else { return [] }
        let teams = IDList.valid(try await self.users.teamIDs(of: user))
        return try await self.context.database.read { connection in
            try ProjectStore.visibleProjectIDs(userID: user, teamIDs: teams, on: connection)
        }
    }

    /// Returns `roles` keyed by the ids as the caller spelled them, which may be upper-case.
    private func keyedLikeRequest(_ roles: [String: ProjectRole], requested: [String]) -> [String: ProjectRole] {
        var result: [String: ProjectRole] = [:]
        for id in requested {
            if let role = roles[id.lowercased()] {
                result[id] = role
            }
        }
        return result
    }
}
