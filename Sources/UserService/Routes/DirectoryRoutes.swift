import Database
import Foundation
import HTTPServer
import Platform

/// `GET /api/v1/users` and `GET /api/v1/users/{id}`: user summaries under the directory's visibility rule.
///
/// A caller sees themself and the active users who share an organization or a team with them; site admins see
/// every user. Other users are left out of lists, and reading one gets `404 USER_NOT_FOUND`.
struct DirectoryRoutes: Sendable {
    static let path = "/api/v1/users"
    static let notFound = HTTPError.notFound("USER_NOT_FOUND", "User not found")
    /// The longest accepted `search` text, in characters.
    static let maxSearchLength = 100
    /// The maximum number of ids in one `ids` filter.
    static let maxIDs = 200

    let context: ServiceContext

    func register(on router: inout Router) {
        router.get(Self.path) { request in try await self.list(request) }
        router.get(Self.path + "/{id}") { request in try await self.show(request) }
    }

    private func list(_ request: Request) async throws -> Response {
        let caller = try request.requireUser()
        let query = request.query
        let page = try KeysetPage(
            query: query,
            fields: DirectoryStore.sortFields,
            defaultOrdering: "username",
            idColumn: "p.user_id"
        )
        let filter = try Self.filter(from: query)
        let viewer = DirectoryViewer(userID: caller.id, seesEveryone: caller.isAdmin)

        let rows = try await self.context.database.read { connection in
            try DirectoryStore.list(viewer: viewer, filter: filter, page: page, on: connection)
        }
        let (entries, nextCursor) = page.cut(rows) { entry in
            switch page.field.kind {
            case .text: (.text(entry.summary.username), entry.summary.id)
            case .timestamp: (.timestamp(entry.createdAt), entry.summary.id)
            }
        }
        return .list(entries.map(\.summary.json), limit: page.limit, nextCursor: nextCursor)
    }

    private func show(_ request: Request) async throws -> Response {
        let caller = try request.requireUser()
        let userID = try request.uuidParameter("id", notFound: Self.notFound)
        let viewer = DirectoryViewer(userID: caller.id, seesEveryone: caller.isAdmin)
        let summary = try await self.context.database.read { connection in
            try DirectoryStore.summary(userID: userID, viewer: viewer, on: connection)
        }
        guard let summary else { throw Self.notFound }
        return .success(summary.json)
    }

    /// Reads `search` and `ids`.
    ///
    /// - Throws: `400 VALIDATION_ERROR` for a search over the length limit, or an `ids` list that is empty,
    ///   too long, or has an entry that is not a UUID.
    static func filter(from query: [String: String]) throws(HTTPError) -> DirectoryFilter {
        var filter = DirectoryFilter()

        if let search = query["search"]?.trimmingCharacters(in: .whitespacesAndNewlines), !search.isEmpty {
            guard search.count <= self.maxSearchLength else {
                throw HTTPError.invalidField("search", "Must be at most \(self.maxSearchLength) characters")
            }
            filter.search = search.lowercased()
        }

        if let list = query["ids"] {
            let entries = list.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard !list.isEmpty else {
                throw HTTPError.invalidField("ids", "Must list at least one user id, separated by commas")
            }
            guard entries.count <= self.maxIDs else {
                throw HTTPError.invalidField("ids", "Must list at most \(self.maxIDs) user ids")
            }
            var ids: [String] = []
            for entry in entries {
                guard let id = UUID(uuidString: entry) else {
                    throw HTTPError.invalidField("ids", "Must be user ids (UUIDs) separated by commas")
                }
                ids.append(id.uuidString.lowercased())
            }
            filter.ids = Array(Set(ids))
        }
        return filter
    }
}
