import Database
import Foundation
import HTTPServer
import Platform

extension ProjectService {
    /// `GET /api/v1/projects`: the projects the caller is a member of, directly or through a team (admins see
    /// every project), filtered by `status`, `team_id` and `search` (name or key, case-insensitive), ordered
    /// by `ordering` (default `-created_at`) and paged by keyset cursors. A `team_id` the caller is not a member
    /// of is `404 TEAM_NOT_FOUND` for everyone but admins, as for any filter naming an object the caller cannot see.
    ///
    /// Runs one query after one call to the users service for the caller's teams.
    func listProjects(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let query = request.query
        let order = try KeysetOrder(
            query: query,
            fields: ProjectStore.sortFields,
            defaultOrdering: "-created_at",
            idColumn: "p.id"
        )
        let status = try QueryFilters.choice("status", in: query, as: ProjectStatus.self)
        let teamID = try QueryFilters.id("team_id", in: query)
        let searchPattern = try QueryFilters.searchPattern(in: query)
        let teamIDs = try await self.teamIDs(of: user.id)
        if let teamID, !user.isAdmin, !teamIDs.contains(teamID) {
            throw HTTPError.notFound("TEAM_NOT_FOUND", "Team not found")
        }

        let filter = ProjectListFilter(
            callerID: user.id,
            visibleTeamIDs: user.isAdmin ? nil : teamIDs,
            status: status,
            teamID: teamID,
            searchPattern: searchPattern
        )

        let rows = try await self.context.database.read { connection in
            try ProjectStore.list(filter, order: order, on: connection)
        }
        let teams = Set(teamIDs)
        let decode = { (row: Row) throws -> (project: ProjectRecord, role: ProjectRole?) in
            let project = try ProjectRecord(row: row)
            var role = try row.decode("direct_role", as: String?.self).flatMap(ProjectRole.init(rawValue:))
            if role == nil, let teamID = project.teamID, teams.contains(teamID) {
                role = .member
            }
            return (project: project, role: role)
        }
        let page = try order.page(rows, id: { $0.project.id }, decode: decode)
        return .list(page.items.map { $0.project.json(role: $0.role) }, limit: order.limit, nextCursor: page.nextCursor)
    }
}
