import Database
import Foundation
import HTTPServer
import Platform

extension ProjectService {
    /// `GET /api/v1/projects/{id}/members`: any member, and admins. Lists the direct members and the members
    /// of the project's team who have no direct role (`via: team`, role `member`), merged and ordered by
    /// user id. Filters are `role` and `via`.
    ///
    /// Runs three queries, counting the access check. It calls the users service once for the team's members
    /// and once for the page's summaries. When the summaries fail, the page still returns, with `user: null`.
    func listMembers(_ request: Request) async throws -> Response {
        let (_, access) = try await self.access(request)
        let query = request.query
        if let ordering = query["ordering"], ordering != "user_id" {
            throw HTTPError.invalidField(
                "ordering",
                "Unknown ordering \"\(ordering)\"; members are ordered by user_id only"
            )
        }
        let page = try PageRequest(query: query)
        let role = try QueryFilters.choice("role", in: query, as: ProjectRole.self)
        let source = try QueryFilters.choice("via", in: query, as: MembershipSource.self)
        if let after = page.after, after.key != "user_id" {
            throw HTTPError.invalidField("cursor", "Invalid cursor; pass meta.next_cursor from the previous page")
        }
        let afterUserID = page.after?.id.lowercased()

        var teamCandidates: [String] = []
        if let teamID = access.project.teamID, source != .direct, role == nil || role == .member {
            let memberIDs = try await self.callDependency("team members") {
                try await self.users.teamMemberIDs(teamID: teamID)
            }
            teamCandidates = IDList.valid(memberIDs).filter { id in afterUserID.map { id > $0 } ?? true }.sorted()
        }

        let projectID = access.project.id
        let limit = page.limit
        let candidates = teamCandidates
        let (direct, directAmongTeam) = try await self.context.database.read { connection in
            let direct =
                source == .team
                ? []
                : try MemberStore.page(
                    projectID: projectID,
                    role: role,
                    afterUserID: afterUserID,
                    limit: limit + 1,
                    on: connection
                )
            return (direct, try MemberStore.directMemberIDs(projectID: projectID, among: candidates, on: connection))
        }

        // Each source contributes its first limit + 1 members after the cursor, so the first limit of the
        // merged list are the page, and a further one proves that another page follows.
        let teamMembers = teamCandidates.lazy.filter { !directAmongTeam.contains($0) }.prefix(limit + 1).map {
            ProjectMember(teamMember: $0, projectID: projectID)
        }
        let merged = (direct + teamMembers).sorted { $0.userID < $1.userID }
        let members = Array(merged.prefix(limit))
        var nextCursor: String?
        if merged.count > limit, let last = members.last {
            nextCursor = Cursor.encode(key: "user_id", id: last.userID)
        }

        let summaries = await self.summariesIfAvailable(members.map(\.userID))
        return .list(members.map { $0.json(summary: summaries[$0.userID]) }, limit: limit, nextCursor: nextCursor)
    }

    /// Summaries of `userIDs` in one call, or none when the users service fails, which is logged: a member
    /// list stays useful without names.
    func summariesIfAvailable(_ userIDs: [String]) async -> [String: UserSummary] {
        guard !userIDs.isEmpty else { return [:] }
        do {
            return try await self.users.summaries(ids: userIDs)
        } catch {
            Logger.current.warning(
                "User summaries unavailable; responding without them",
                metadata: ["user.count": String(userIDs.count), "error": String(describing: error)]
            )
            return [:]
        }
    }
}
