import Database
import Foundation
import Platform

/// The in-process implementation of the users service's client, used by services in the same process.
extension UserService: UserDirectoryClient {
    /// At most this many ids go into one query; longer lists are split.
    private static let idsPerQuery = 500

    public func summaries(ids: [String]) async throws -> [String: Platform.UserSummary] {
        let unique = Array(Set(ids.compactMap { UUID(uuidString: $0)?.uuidString.lowercased() }))
        guard !unique.isEmpty else { return [:] }
        return try await self.context.database.read { connection in
            var result: [String: Platform.UserSummary] = [:]
            for start in stride(from: 0, to: unique.count, by: Self.idsPerQuery) {
                let chunk = Array(unique[start..<min(start + Self.idsPerQuery, unique.count)])
                let placeholders = (1...chunk.count).map { "$\($0)" }.joined(separator: ", ")
                let rows = try connection.query(
                    "SELECT user_id, username, first_name, last_name, avatar_url FROM profiles WHERE user_id IN (\(placeholders))",
                    chunk.map { .text($0) }
                )
                for row in rows {
                    let id = try row.decode("user_id", as: UUID.self).uuidString.lowercased()
                    result[id] = Platform.UserSummary(
                        id: id,
                        username: try row.decode("username"),
                        firstName: try row.decode("first_name", as: String?.self) ?? "",
                        lastName: try row.decode("last_name", as: String?.self) ?? "",
                        avatarURL: try row.decode("avatar_url", as: String?.self)
                    )
                }
            }
            return result
        }
    }

    public func teamMemberIDs(teamID: String) async throws -> [String] {
        guard let id = UUID(uuidString: teamID) else { return [] }
        return try await self.context.database.read { connection in
            try connection.query("SELECT user_id FROM team_members WHERE team_id = $1", [.uuid(id)])
                .map { try $0.decode("user_id", as: UUID.self).uuidString.lowercased() }
        }
    }

    public func isTeamMember(userID: String, teamID: String) async throws -> Bool {
        guard let user = UUID(uuidString: userID), let team = UUID(uuidString: teamID) else { return false }
        return try await self.context.database.read { connection in
            try connection.queryFirst(
                "SELECT 1 AS present FROM team_members WHERE team_id = $1 AND user_id = $2",
                [.uuid(team), .uuid(user)]
            ) != nil
        }
    }

    public func isOrganizationMember(userID: String, organizationID: String) async throws -> Bool {
        guard let user = UUID(uuidString: userID), let organization = UUID(uuidString: organizationID) else {
            return false
        }
        return try await self.context.database.read { connection in
            try connection.queryFirst(
                "SELECT 1 AS present FROM organization_members WHERE organization_id = $1 AND user_id = $2",
                [.uuid(organization), .uuid(user)]
            ) != nil
        }
    }

    public func teamIDs(of userID: String) async throws -> [String] {
        guard let user = UUID(uuidString: userID) else { return [] }
        return try await self.context.database.read { connection in
            try connection.query("SELECT team_id FROM team_members WHERE user_id = $1", [.uuid(user)])
                .map { try $0.decode("team_id", as: UUID.self).uuidString.lowercased() }
        }
    }
}
