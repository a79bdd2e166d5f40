import Database
import HTTPServer
import Platform

extension TaskService {
    /// `GET /api/v1/tasks`: a page of the tasks the caller can see, filtered and ordered, each with `assignee`.
    ///
    /// A page costs the membership or visibility call, one read (two for a due-date ordering that reaches the
    /// tasks without a due date) and one batched users call for the whole page.
    func listTasks(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let query = request.query
        let filters = try TaskFilters(query: query, callerID: user.id)
        let ordering = try ListParameters.taskOrdering(query)
        let limit = try ListParameters.limit(query)
        let cursor = try ListParameters.taskCursor(query, ordering: ordering)
        try await self.checkFilterReferences(filters, user: user)

        let scope: TaskListQuery.Scope
        if let projectID = filters.projectID {
            guard try await self.role(of: user, forTasksIn: projectID) != nil else {
                throw HTTPError.notFound("NOT_FOUND", Self.projectNotFound)
            }
            scope = .project(projectID)
        } else if user.isAdmin {
            scope = .all
        } else {
            let visibleProjectIDs = self.visibleProjectIDs
            // Ids are checked because they are bound into SQL as a list, where one malformed id fails the query.
            let projectIDs = try await self.callProjects { try await visibleProjectIDs(user.id) }.compactMap(
                Self.pathID
            )
            guard !projectIDs.isEmpty else { return .list([], limit: limit, nextCursor: nil) }
            scope = .projects(projectIDs)
        }

        let listQuery = TaskListQuery(scope: scope, filters: filters, ordering: ordering, cursor: cursor, limit: limit)
        let rows = try await self.context.database.read { connection in
            try listQuery.fetch(on: connection)
        }
        let page = rows.prefix(limit)
        let nextCursor = rows.count > limit ? page.last.map { TaskCursor(after: $0, ordering: ordering).encoded } : nil

        let summaries = await self.assigneeSummaries(Set(page.compactMap(\.assigneeID)))
        let items = page.map { task in task.json(assignee: task.assigneeID.flatMap { summaries[$0] }) }
        return .list(items, limit: limit, nextCursor: nextCursor)
    }
}
