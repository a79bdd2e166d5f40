import Database
import Foundation
import HTTPServer
import Platform

/// `…/{id}/members` and `…/{id}/members/{user_id}` of organizations or teams, which share their rules.
///
/// Members list the members. Owners and admins add members, change roles and remove members, but only owners
/// grant or remove `owner`. Any member may remove themself. Site admins act as owners of every group. The last
/// owner can be neither removed nor demoted (`409 CONFLICT`).
struct MemberRoutes: Sendable {
    /// The `400` for a `user_id` the directory does not list as an active user.
    static let unknownUser = HTTPError.invalidField("user_id", "No user exists with this id")

    let kind: GroupKind
    let context: ServiceContext

    func register(on router: inout Router) {
        let members = self.kind.path + "/{id}/members"
        router.get(members) { request in try await self.list(request) }
        router.post(members) { request in try await self.add(request) }
        router.patch(members + "/{user_id}") { request in try await self.changeRole(request) }
        router.delete(members + "/{user_id}") { request in try await self.remove(request) }
    }

    private func list(_ request: Request) async throws -> Response {
        let caller = try request.requireUser()
        let groupID = try request.uuidParameter("id", notFound: self.kind.notFound)
        let query = request.query
        let page = try KeysetPage(
            query: query,
            fields: MemberStore.sortFields,
            defaultOrdering: "joined_at",
            idColumn: "m.user_id"
        )
        let role = try Self.roleFilter(from: query)

        let kind = self.kind
        let rows = try await self.context.database.read { connection in
            _ = try MemberStore.permissions(kind: kind, groupID: groupID, caller: caller, lock: false, on: connection)
            return try MemberStore.list(kind: kind, groupID: groupID, role: role, page: page, on: connection)
        }
        let (members, nextCursor) = page.cut(rows) { member in (.timestamp(member.joinedAt), member.userID) }
        return .list(members.map { $0.json(kind: kind) }, limit: page.limit, nextCursor: nextCursor)
    }

    /// Adds an existing, active user with the requested role.
    private func add(_ request: Request) async throws -> Response {
        let caller = try request.requireUser()
        let groupID = try request.uuidParameter("id", notFound: self.kind.notFound)
        let input = try NewMember.read(from: try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes))

        let kind = self.kind
        let member = try await self.context.write { connection in
            let permissions = try MemberStore.permissions(
                kind: kind,
                groupID: groupID,
                caller: caller,
                lock: true,
                on: connection
            )
            try permissions.checkAdd(role: input.role)
            guard let summary = try ProfileStore.activeSummary(userID: input.userID, on: connection) else {
                throw Self.unknownUser
            }
            let alreadyMember = HTTPError.invalidField("user_id", "This user is already a member of the \(kind.noun)")
            guard try MemberStore.find(kind: kind, groupID: groupID, userID: input.userID, on: connection) == nil else {
                throw alreadyMember
            }

            let member = Member(
                groupID: groupID,
                userID: input.userID,
                role: input.role,
                joinedAt: StoredDate.now(),
                summary: summary
            )
            do {
                try MemberStore.insert(
                    kind: kind,
                    groupID: groupID,
                    userID: member.userID,
                    role: member.role,
                    joinedAt: member.joinedAt,
                    on: connection
                )
            } catch let error as DatabaseError where error.code == .uniqueViolation {
                throw alreadyMember
            }
            try Outbox.append(
                GroupEvents.memberAdded(
                    kind: kind,
                    groupID: groupID,
                    organizationID: try Self.organizationID(of: kind, groupID: groupID, on: connection),
                    userID: member.userID,
                    role: member.role,
                    actorID: caller.id
                ),
                on: connection
            )
            return member
        }
        return .success(member.json(kind: kind), status: .created)
    }

    private func changeRole(_ request: Request) async throws -> Response {
        let caller = try request.requireUser()
        let groupID = try request.uuidParameter("id", notFound: self.kind.notFound)
        let change = try MemberChange.read(from: try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes))

        let kind = self.kind
        let member = try await self.context.write { connection in
            let permissions = try MemberStore.permissions(
                kind: kind,
                groupID: groupID,
                caller: caller,
                lock: true,
                on: connection
            )
            let userID = try request.uuidParameter("user_id", notFound: kind.memberNotFound)
            guard var member = try MemberStore.find(kind: kind, groupID: groupID, userID: userID, on: connection) else {
                throw kind.memberNotFound
            }
            let previousRole = member.role
            try permissions.checkRoleChange(from: previousRole, to: change.role)
            guard previousRole != change.role else { return member }
            if previousRole == .owner {
                try GroupPermissions.checkOwnerRemains(
                    kind: kind,
                    current: previousRole,
                    new: change.role,
                    ownerCount: try MemberStore.ownerCount(kind: kind, groupID: groupID, on: connection)
                )
            }

            try MemberStore.updateRole(kind: kind, groupID: groupID, userID: userID, role: change.role, on: connection)
            member.role = change.role
            try Outbox.append(
                GroupEvents.memberRoleChanged(
                    kind: kind,
                    groupID: groupID,
                    organizationID: try Self.organizationID(of: kind, groupID: groupID, on: connection),
                    userID: userID,
                    role: change.role,
                    previousRole: previousRole,
                    actorID: caller.id
                ),
                on: connection
            )
            return member
        }
        return .success(member.json(kind: kind))
    }

    private func remove(_ request: Request) async throws -> Response {
        let caller = try request.requireUser()
        let groupID = try request.uuidParameter("id", notFound: self.kind.notFound)

        let kind = self.kind
        try await self.context.write { connection in
            let permissions = try MemberStore.permissions(
                kind: kind,
                groupID: groupID,
                caller: caller,
                lock: true,
                on: connection
            )
            let userID = try request.uuidParameter("user_id", notFound: kind.memberNotFound)
            guard let member = try MemberStore.find(kind: kind, groupID: groupID, userID: userID, on: connection) else {
                throw kind.memberNotFound
            }
            try permissions.checkRemoval(of: member.role, isCaller: userID == caller.id.lowercased())
            if member.role == .owner {
                try GroupPermissions.checkOwnerRemains(
                    kind: kind,
                    current: member.role,
                    new: nil,
                    ownerCount: try MemberStore.ownerCount(kind: kind, groupID: groupID, on: connection)
                )
            }

            try MemberStore.delete(kind: kind, groupID: groupID, userID: userID, on: connection)
            try Outbox.append(
                GroupEvents.memberRemoved(
                    kind: kind,
                    groupID: groupID,
                    organizationID: try Self.organizationID(of: kind, groupID: groupID, on: connection),
                    userID: userID,
                    role: member.role,
                    actorID: caller.id
                ),
                on: connection
            )
        }
        return .noContent
    }

    /// Reads the optional `role` filter of the member list.
    ///
    /// - Throws: `400 VALIDATION_ERROR` for a value that is not a role name.
    private static func roleFilter(from query: [String: String]) throws(HTTPError) -> MemberRole? {
        guard let text = query["role"] else { return nil }
        guard let role = MemberRole(rawValue: text) else {
            throw HTTPError.invalidField("role", "Must be one of: \(MemberRole.names.joined(separator: ", "))")
        }
        return role
    }

    /// Returns the organization of a team, which team membership events carry, or nil for organizations.
    private static func organizationID(
        of kind: GroupKind,
        groupID: String,
        on connection: any DatabaseConnection
    ) throws -> String? {
        guard kind.table == GroupKind.team.table else { return nil }
        return try TeamStore.find(id: groupID, on: connection)?.organizationID
    }
}
