import Database
import Foundation
import HTTPServer
import Platform

extension ProjectService {
    static let memberNotFound = HTTPError.notFound(
        "MEMBER_NOT_FOUND",
        "The user is not a direct member of this project; members through the project's team are managed in the team"
    )
    static let lastOwner = HTTPError.conflict(
        "The project must keep at least one owner; make another member owner first"
    )

    /// `POST /api/v1/projects/{id}/members`: managers add viewers and members, owners add any role.
    ///
    /// - Throws: `400` on `user_id` for an unknown user or one who is already a direct member.
    func addMember(_ request: Request) async throws -> Response {
        let (user, access) = try await self.access(request)
        try access.require(.manager, to: "add members")
        var fields = FieldReader(try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes))
        let memberID = fields.uuid("user_id", required: true)?.uuidString.lowercased()
        let role = fields.choice("role", as: ProjectRole.self, required: true)
        try fields.finish()
        guard let memberID, let role else { throw HTTPError.validation([:]) }
        if role >= .manager {
            try access.require(.owner, to: "add managers and owners")
        }

        let summaries = try await self.callDependency("user lookup") { try await self.users.summaries(ids: [memberID]) }
        guard let summary = summaries[memberID] else {
            throw HTTPError.invalidField("user_id", "User \(memberID) not found")
        }

        let projectID = access.project.id
        let actorID = user.id
        let now = Date()
        let alreadyMember = HTTPError.invalidField("user_id", "User \(memberID) is already a member of this project")
        let member: ProjectMember
        do {
            member = try await self.context.write { connection in
                guard
                    let (project, directRole) = try ProjectStore.project(
                        id: projectID,
                        userID: memberID,
                        lock: true,
                        on: connection
                    )
                else { throw Self.projectNotFound }
                guard directRole == nil else { throw alreadyMember }
                let member = ProjectMember(
                    projectID: projectID,
                    userID: memberID,
                    role: role,
                    addedBy: actorID,
                    joinedAt: now,
                    updatedAt: now
                )
                try MemberStore.insert(member, on: connection)
                try Outbox.append(
                    ProjectEvents.memberAdded(project: project, userID: memberID, role: role, actorID: actorID),
                    on: connection
                )
                return member
            }
        } catch let error as DatabaseError where error.code == .uniqueViolation {
            // A concurrent request added the same user first.
            throw alreadyMember
        }
        return .success(member.json(summary: summary), status: .created)
    }

    /// `PATCH /api/v1/projects/{id}/members/{user_id}`: sets `role`. Managers change viewers and members among
    /// themselves; making or changing a manager or owner needs an owner.
    ///
    /// - Throws: `404 MEMBER_NOT_FOUND` for a user without a direct membership; `409 CONFLICT` when the last
    ///   owner would be demoted.
    func changeMemberRole(_ request: Request) async throws -> Response {
        let (user, access) = try await self.access(request)
        try access.require(.manager, to: "change member roles")
        let memberID = try Self.pathID(request, "user_id", notFound: Self.memberNotFound)
        var fields = FieldReader(try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes))
        let role = fields.choice("role", as: ProjectRole.self, required: true)
        try fields.finish()
        guard let role else { throw HTTPError.validation([:]) }
        if role >= .manager {
            try access.require(.owner, to: "make members managers or owners")
        }

        let projectID = access.project.id
        let actorID = user.id
        let now = Date()
        let member = try await self.context.write { connection -> ProjectMember in
            guard
                let (_, directRole) = try ProjectStore.project(
                    id: projectID,
                    userID: memberID,
                    lock: true,
                    on: connection
                )
            else { throw Self.projectNotFound }
            guard let current = directRole else { throw Self.memberNotFound }
            if current >= .manager {
                try access.require(.owner, to: "change the role of a manager or owner")
            }
            if current != role {
                if current == .owner, try MemberStore.ownerCount(projectID: projectID, on: connection) <= 1 {
                    throw Self.lastOwner
                }
                try MemberStore.setRole(role, projectID: projectID, userID: memberID, now: now, on: connection)
                try Outbox.append(
                    ProjectEvents.memberRoleChanged(
                        projectID: projectID,
                        userID: memberID,
                        role: role,
                        previousRole: current,
                        actorID: actorID
                    ),
                    on: connection
                )
            }
            guard let member = try MemberStore.member(projectID: projectID, userID: memberID, on: connection) else {
                throw Self.memberNotFound
            }
            return member
        }
        let summaries = await self.summariesIfAvailable([memberID])
        return .success(member.json(summary: summaries[memberID]))
    }

    /// `DELETE /api/v1/projects/{id}/members/{user_id}`: managers remove viewers and members, owners remove
    /// anyone, and every member may remove themself.
    ///
    /// - Throws: `404 MEMBER_NOT_FOUND` for a user without a direct membership; `409 CONFLICT` for the last owner.
    func removeMember(_ request: Request) async throws -> Response {
        let (user, access) = try await self.access(request)
        let memberID = try Self.pathID(request, "user_id", notFound: Self.memberNotFound)
        let isSelf = memberID == user.id.lowercased()
        if !isSelf {
            try access.require(.manager, to: "remove other members")
        }

        let projectID = access.project.id
        let actorID = user.id
        try await self.context.write { connection in
            guard
                let (_, directRole) = try ProjectStore.project(
                    id: projectID,
                    userID: memberID,
                    lock: true,
                    on: connection
                )
            else { throw Self.projectNotFound }
            guard let current = directRole else { throw Self.memberNotFound }
            if !isSelf, current >= .manager {
                try access.require(.owner, to: "remove a manager or owner")
            }
            if current == .owner, try MemberStore.ownerCount(projectID: projectID, on: connection) <= 1 {
                throw Self.lastOwner
            }
            try MemberStore.delete(projectID: projectID, userID: memberID, on: connection)
            try Outbox.append(
                ProjectEvents.memberRemoved(projectID: projectID, userID: memberID, role: current, actorID: actorID),
                on: connection
            )
        }
        return .noContent
    }
}
