import Database
import Foundation
import HTTPServer
import Platform

extension ProjectService {
    static let takenKey = HTTPError.invalidField("key", "A project with this key already exists; choose another key")

    /// `POST /api/v1/projects`: creates a project with the caller as its `owner` member.
    func createProject(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        var fields = FieldReader(try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes))
        let draft = ProjectDraft.read(&fields)
        try fields.finish()
        guard let draft else { throw HTTPError.validation([:]) }

        try await self.checkGroupReferences(teamID: draft.teamID, organizationID: draft.organizationID, userID: user.id)
        let (project, _) = try await self.insertProject(draft, ownerID: user.id) { _, _ in }
        return .success(project.json(role: .owner), status: .created)
    }

    /// `GET /api/v1/projects/{id}`: any member, and admins.
    func getProject(_ request: Request) async throws -> Response {
        let (_, access) = try await self.access(request)
        return .success(access.project.json(role: access.role))
    }

    /// `PATCH /api/v1/projects/{id}`: managers and owners; changing `key` needs an owner, because the key
    /// prefixes every task reference (`WEB-12`) that people have already written down.
    func updateProject(_ request: Request) async throws -> Response {
        let (user, access) = try await self.access(request)
        try access.require(.manager, to: "change the project")
        var fields = FieldReader(try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes))
        let changes = ProjectChanges.read(&fields)
        try fields.finish()
        if let key = changes.key, key != access.project.key {
            try access.require(.owner, to: "change the project key")
        }

        let newTeamID = changes.teamID.value.flatMap { $0 == access.project.teamID ? nil : $0 }
        let newOrganizationID = changes.organizationID.value.flatMap { $0 == access.project.organizationID ? nil : $0 }
        try await self.checkGroupReferences(teamID: newTeamID, organizationID: newOrganizationID, userID: user.id)

        let projectID = access.project.id
        let userID = user.id
        let now = Date()
        let updated: ProjectRecord
        do {
            updated = try await self.context.write { connection in
                guard
                    let (current, _) = try ProjectStore.project(
                        id: projectID,
                        userID: userID,
                        lock: true,
                        on: connection
                    )
                else { throw Self.projectNotFound }
                var project = changes.applied(to: current)
                if let start = project.startDate, let due = project.dueDate, due < start {
                    throw HTTPError.invalidField("due_date", "Must be on or after start_date (\(start))")
                }
                let changedFields = ProjectChanges.changedFields(from: current, to: project)
                guard !changedFields.isEmpty else { return current }
                if changedFields.contains("key"), try ProjectStore.keyExists(project.key, on: connection) {
                    throw Self.takenKey
                }
                project.updatedAt = now
                try ProjectStore.update(project, on: connection)
                try Outbox.append(
                    ProjectEvents.projectUpdated(project, changedFields: changedFields, actorID: userID),
                    on: connection
                )
                return project
            }
        } catch let error where ProjectStore.isTakenKey(error) {
            throw Self.takenKey
        }
        return .success(updated.json(role: access.role))
    }

    /// `DELETE /api/v1/projects/{id}`: owners only. Members and milestones go with the project, and other
    /// services delete their rows of it when they consume `project.deleted`.
    func deleteProject(_ request: Request) async throws -> Response {
        let (user, access) = try await self.access(request)
        try access.require(.owner, to: "delete the project")
        let projectID = access.project.id
        let userID = user.id
        let deleted = try await self.context.write { connection in
            guard try ProjectStore.delete(id: projectID, on: connection) else { return false }
            try Outbox.append(ProjectEvents.projectDeleted(projectID: projectID, actorID: userID), on: connection)
            return true
        }
        guard deleted else { throw Self.projectNotFound }
        return .noContent
    }
}
