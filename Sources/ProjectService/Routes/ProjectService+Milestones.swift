import Database
import Foundation
import HTTPServer
import Platform

extension ProjectService {
    static let milestoneNotFound = HTTPError.notFound("MILESTONE_NOT_FOUND", "Milestone not found")

    /// `GET /api/v1/projects/{id}/milestones`: any member, and admins; filter `status`, ordering `due_date`
    /// (the default), `created_at` or `name`.
    func listMilestones(_ request: Request) async throws -> Response {
        let (_, access) = try await self.access(request)
        let query = request.query
        let order = try KeysetOrder(
            query: query,
            fields: MilestoneStore.sortFields,
            defaultOrdering: "due_date",
            idColumn: "id"
        )
        let status = try QueryFilters.choice("status", in: query, as: MilestoneStatus.self)
        let projectID = access.project.id
        let rows = try await self.context.database.read { connection in
            try MilestoneStore.list(projectID: projectID, status: status, order: order, on: connection)
        }
        let page = try order.page(rows, id: { $0.id }, decode: MilestoneRecord.init(row:))
        return .list(page.items.map(\.json), limit: order.limit, nextCursor: page.nextCursor)
    }

    /// `POST /api/v1/projects/{id}/milestones`: managers and owners.
    func createMilestone(_ request: Request) async throws -> Response {
        let (user, access) = try await self.access(request)
        try access.require(.manager, to: "manage milestones")
        var fields = FieldReader(try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes))
        let draft = MilestoneDraft.read(&fields)
        try fields.finish()
        guard let draft else { throw HTTPError.validation([:]) }

        let now = Date()
        let milestone = MilestoneRecord(
            id: UUIDv7.make(now: now).uuidString.lowercased(),
            projectID: access.project.id,
            name: draft.name,
            description: draft.description,
            dueDate: draft.dueDate,
            status: draft.status,
            completedAt: draft.status == .completed ? now : nil,
            ownerID: user.id,
            createdAt: now,
            updatedAt: now
        )
        let actorID = user.id
        try await self.context.write { connection in
            // The project may have been deleted since the access check; its row is gone then.
            guard try ProjectStore.project(id: milestone.projectID, userID: actorID, lock: true, on: connection) != nil
            else { throw Self.projectNotFound }
            try MilestoneStore.insert(milestone, on: connection)
            try Outbox.append(ProjectEvents.milestoneCreated(milestone, actorID: actorID), on: connection)
        }
        return .success(milestone.json, status: .created)
    }

    /// `GET /api/v1/projects/{id}/milestones/{milestone_id}`: any member, and admins.
    func getMilestone(_ request: Request) async throws -> Response {
        let (_, access) = try await self.access(request)
        let milestoneID = try Self.pathID(request, "milestone_id", notFound: Self.milestoneNotFound)
        let projectID = access.project.id
        let milestone = try await self.context.database.read { connection in
            try MilestoneStore.milestone(id: milestoneID, projectID: projectID, on: connection)
        }
        guard let milestone else { throw Self.milestoneNotFound }
        return .success(milestone.json)
    }

    /// `PATCH /api/v1/projects/{id}/milestones/{milestone_id}`: managers and owners.
    func updateMilestone(_ request: Request) async throws -> Response {
        let (user, access) = try await self.access(request)
        let milestoneID = try Self.pathID(request, "milestone_id", notFound: Self.milestoneNotFound)
        try access.require(.manager, to: "manage milestones")
        var fields = FieldReader(try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes))
        let changes = MilestoneChanges.read(&fields)
        try fields.finish()

        let projectID = access.project.id
        let actorID = user.id
        let now = Date()
        let milestone = try await self.context.write { connection -> MilestoneRecord in
            guard let current = try MilestoneStore.milestone(id: milestoneID, projectID: projectID, on: connection)
            else {
                throw Self.milestoneNotFound
            }
            var milestone = changes.applied(to: current, now: now)
            let changedFields = MilestoneChanges.changedFields(from: current, to: milestone)
            guard !changedFields.isEmpty else { return current }
            milestone.updatedAt = now
            try MilestoneStore.update(milestone, on: connection)
            try Outbox.append(
                ProjectEvents.milestoneUpdated(milestone, changedFields: changedFields, actorID: actorID),
                on: connection
            )
            return milestone
        }
        return .success(milestone.json)
    }

    /// `DELETE /api/v1/projects/{id}/milestones/{milestone_id}`: managers and owners. The tasks service keeps
    /// its own reference to the milestone and learns of the deletion from `milestone.deleted`.
    func deleteMilestone(_ request: Request) async throws -> Response {
        let (user, access) = try await self.access(request)
        let milestoneID = try Self.pathID(request, "milestone_id", notFound: Self.milestoneNotFound)
        try access.require(.manager, to: "manage milestones")
        let projectID = access.project.id
        let actorID = user.id
        try await self.context.write { connection in
            guard let milestone = try MilestoneStore.milestone(id: milestoneID, projectID: projectID, on: connection)
            else { throw Self.milestoneNotFound }
            try MilestoneStore.delete(id: milestoneID, on: connection)
            try Outbox.append(ProjectEvents.milestoneDeleted(milestone, actorID: actorID), on: connection)
        }
        return .noContent
    }
}
