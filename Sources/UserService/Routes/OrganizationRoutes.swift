import Database
import Foundation
import HTTPServer
import Platform

/// `/api/v1/organizations` and `/api/v1/organizations/{id}`: create, list, read, edit and delete organizations.
///
/// Members see an organization, owners and admins edit it, owners delete it, and site admins do all of it to
/// every organization. Anyone else gets `404 ORGANIZATION_NOT_FOUND`.
struct OrganizationRoutes: Sendable {
    static let kind = GroupKind.organization

    let context: ServiceContext

    func register(on router: inout Router) {
        let path = Self.kind.path
        router.post(path) { request in try await self.create(request) }
        router.get(path) { request in try await self.list(request) }
        router.get(path + "/{id}") { request in try await self.show(request) }
        router.patch(path + "/{id}") { request in try await self.update(request) }
        router.delete(path + "/{id}") { request in try await self.delete(request) }
    }

    /// Creates the organization with the caller as its `owner` member.
    private func create(_ request: Request) async throws -> Response {
        let caller = try request.requireUser()
        let input = try NewOrganization.read(from: try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes))
        let now = StoredDate.now()
        let organization = Organization(
            id: UUIDv7.make(now: now).uuidString.lowercased(),
            name: input.name,
            domain: input.domain,
            settings: input.settings,
            createdAt: now,
            updatedAt: now
        )

        try await self.context.write { connection in
            try OrganizationStore.insert(organization, on: connection)
            try MemberStore.insert(
                kind: Self.kind,
                groupID: organization.id,
                userID: caller.id,
                role: .owner,
                joinedAt: now,
                on: connection
            )
            try Outbox.append(GroupEvents.organizationCreated(organization, actorID: caller.id), on: connection)
            try Outbox.append(
                GroupEvents.memberAdded(
                    kind: Self.kind,
                    groupID: organization.id,
                    organizationID: nil,
                    userID: caller.id,
                    role: .owner,
                    actorID: caller.id
                ),
                on: connection
            )
        }
        return .success(organization.json, status: .created)
    }

    /// Lists the caller's organizations; site admins get every organization.
    private func list(_ request: Request) async throws -> Response {
        let caller = try request.requireUser()
        let page = try KeysetPage(
            query: request.query,
            fields: OrganizationStore.sortFields,
            defaultOrdering: "created_at",
            idColumn: "g.id"
        )
        let rows = try await self.context.database.read { connection in
            try OrganizationStore.list(viewerID: caller.id, includeAll: caller.isAdmin, page: page, on: connection)
        }
        let (organizations, nextCursor) = page.cut(rows) { OrganizationStore.sortKey($0, page: page) }
        return .list(organizations.map(\.json), limit: page.limit, nextCursor: nextCursor)
    }

    private func show(_ request: Request) async throws -> Response {
        let caller = try request.requireUser()
        let id = try request.uuidParameter("id", notFound: Self.kind.notFound)
        let organization = try await self.context.database.read { connection in
            _ = try MemberStore.permissions(kind: Self.kind, groupID: id, caller: caller, lock: false, on: connection)
            return try OrganizationStore.find(id: id, on: connection)
        }
        guard let organization else { throw Self.kind.notFound }
        return .success(organization.json)
    }

    private func update(_ request: Request) async throws -> Response {
        let caller = try request.requireUser()
        let id = try request.uuidParameter("id", notFound: Self.kind.notFound)
        let changes = try OrganizationChanges.read(
            from: try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes)
        )
        let organization = try await self.context.write { connection in
            let permissions = try MemberStore.permissions(
                kind: Self.kind,
                groupID: id,
                caller: caller,
                lock: false,
                on: connection
            )
            try permissions.checkEdit()
            try OrganizationStore.apply(changes, id: id, at: StoredDate.now(), on: connection)
            guard let organization = try OrganizationStore.find(id: id, on: connection) else {
                throw Self.kind.notFound
            }
            return organization
        }
        return .success(organization.json)
    }

    /// Deletes the organization and its memberships; its teams stay, without an organization.
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
            try OrganizationStore.delete(id: id, at: StoredDate.now(), on: connection)
            try Outbox.append(
                GroupEvents.deleted(kind: Self.kind, groupID: id, organizationID: nil, actorID: caller.id),
                on: connection
            )
        }
        return .noContent
    }
}
