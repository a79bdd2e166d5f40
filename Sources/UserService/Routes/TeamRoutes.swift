import Database
import Foundation
import HTTPServer
import Platform

/// `/api/v1/teams` and `/api/v1/teams/{id}`: create, list, read, edit and delete teams.
///
/// Members see a team, owners and admins edit it, owners delete it, and site admins do all of it to every team.
/// Anyone else gets `404 TEAM_NOT_FOUND`.
struct TeamRoutes: Sendable {
    static let kind = GroupKind.team
    /// The `400` for an `organization_id` that does not exist or that the caller is not a member of.
    /// Both cases read the same, so the response does not reveal which organizations exist.
    static let unknownOrganization = HTTPError.invalidField("organization_id", "No organization exists with this id")

    let context: ServiceContext

    func register(on router: inout Router) {
        let path = Self.kind.path
        router.post(path) { request in try await self.create(request) }
        router.get(path) { request in try await self.list(request) }
        router.get(path + "/{id}") { request in try await self.show(request) }
        router.patch(path + "/{id}") { request in try await self.update(request) }
        router.delete(path + "/{id}") { request in try await self.delete(request) }
    }

    /// Creates the team with the caller as `owner_id` and as its `owner` member.
    private func create(_ request: Request) async throws -> Response {
        let caller = try request.requireUser()
        let input = try NewTeam.read(from: try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes))
        let now = StoredDate.now()
        let team = Team(
            id: UUIDv7.make(now: now).uuidString.lowercased(),
            name: input.name,
            description: input.description,
            organizationID: input.organizationID,
            ownerID: caller.id,
            createdAt: now,
            updatedAt: now
        )

        try await self.context.write { connection in
            if let organizationID = team.organizationID {
                try Self.checkOrganizationReference(organizationID, caller: caller, on: connection)
            }
            try TeamStore.insert(team, on: connection)
            try MemberStore.insert(
                kind: Self.kind,
                groupID: team.id,
                userID: caller.id,
                role: .owner,
                joinedAt: now,
                on: connection
            )
            try Outbox.append(GroupEvents.teamCreated(team, actorID: caller.id), on: connection)
            try Outbox.append(
                GroupEvents.memberAdded(
                    kind: Self.kind,
                    groupID: team.id,
                    organizationID: team.organizationID,
                    userID: caller.id,
                    role: .owner,
                    actorID: caller.id
                ),
                on: connection
            )
        }
        return .success(team.json, status: .created)
    }

    /// Lists the caller's teams, optionally of one organization; site admins get every team.
    private func list(_ request: Request) async throws -> Response {
        let caller = try request.requireUser()
        let query = request.query
        let page = try KeysetPage(
            query: query,
            fields: TeamStore.sortFields,
            defaultOrdering: "created_at",
            idColumn: "g.id"
        )
        let organizationID = try Self.organizationFilter(from: query)

        let rows = try await self.context.database.read { connection in
            if let organizationID {
                // A filter naming an organization the caller may not see is a 404, as its path would be.
                _ = try MemberStore.permissions(
                    kind: .organization,
                    groupID: organizationID,
                    caller: caller,
                    lock: false,
                    on: connection
                )
            }
            return try TeamStore.list(
                viewerID: caller.id,
                includeAll: caller.isAdmin,
                organizationID: organizationID,
                page: page,
                on: connection
            )
        }
        let (teams, nextCursor) = page.cut(rows) { TeamStore.sortKey($0, page: page) }
        return .list(teams.map(\.json), limit: page.limit, nextCursor: nextCursor)
    }

    private func show(_ request: Request) async throws -> Response {
        let caller = try request.requireUser()
        let id = try request.uuidParameter("id", notFound: Self.kind.notFound)
        let team = try await self.context.database.read { connection in
            _ = try MemberStore.permissions(kind: Self.kind, groupID: id, caller: caller, lock: false, on: connection)
            return try TeamStore.find(id: id, on: connection)
        }
        guard let team else { throw Self.kind.notFound }
        return .success(team.json)
    }

    /// Edits the team; moving it into an organization needs membership of that organization.
    private func update(_ request: Request) async throws -> Response {
        let caller = try request.requireUser()
        let id = try request.uuidParameter("id", notFound: Self.kind.notFound)
        let changes = try TeamChanges.read(from: try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes))
        let team = try await self.context.write { connection in
            let permissions = try MemberStore.permissions(
                kind: Self.kind,
                groupID: id,
                caller: caller,
                lock: false,
                on: connection
            )
            try permissions.checkEdit()
            if case .value(let organizationID) = changes.organizationID {
                try Self.checkOrganizationReference(organizationID, caller: caller, on: connection)
            }
            try TeamStore.apply(changes, id: id, at: StoredDate.now(), on: connection)
            guard let team = try TeamStore.find(id: id, on: connection) else { throw Self.kind.notFound }
            return team
        }
        return .success(team.json)
    }

    /// Deletes the team and its memberships.
    private func delete(_ request: Request) async throws -> Response {
        let caller = try request.requireUser()
        let id = try request.uuidParameter("id", notFound: Self.kind.notFound)
        try await self.context.write { connection in
            let permissions = try MemberStore.permissions(
                kind: Self.kind,
                groupID: id,
                caller: caller,
                lock: true,
                on: connection
            )
            try permissions.checkDelete()
            guard let team = try TeamStore.find(id: id, on: connection) else { throw Self.kind.notFound }
            try TeamStore.delete(id: id, on: connection)
            try Outbox.append(
                GroupEvents.deleted(
                    kind: Self.kind,
                    groupID: id,
                    organizationID: team.organizationID,
                    actorID: caller.id
                ),
                on: connection
            )
        }
        return .noContent
    }

    /// Reads the optional `organization_id` filter of the team list, lower-cased.
    ///
    /// - Throws: `400 VALIDATION_ERROR` for a value that is not a UUID.
    private static func organizationFilter(from query: [String: String]) throws(HTTPError) -> String? {
        guard let text = query["organization_id"] else { return nil }
        guard let id = UUID(uuidString: text) else {
            throw HTTPError.invalidField("organization_id", "Must be a valid UUID")
        }
        return id.uuidString.lowercased()
    }

    /// Throws `400` on `organization_id` unless the organization exists and the caller is a member of it or a
    /// site admin. On PostgreSQL it locks the organization's row, so that it cannot be deleted before the team
    /// row that references it commits.
    private static func checkOrganizationReference(
        _ organizationID: String,
        caller: AuthenticatedUser,
        on connection: any DatabaseConnection
    ) throws {
        do {
            _ = try MemberStore.permissions(
                kind: .organization,
                groupID: organizationID,
                caller: caller,
                lock: true,
                on: connection
            )
        } catch let error as HTTPError where error.status == .notFound {
            throw Self.unknownOrganization
        }
    }
}
