import Database
import Foundation
import HTTPServer
import Platform

extension ProjectService {
    /// Attempts at inserting a project with a generated key, which another insert may take between the check
    /// and the commit on PostgreSQL.
    private static let keyAttempts = 3

    /// Inserts a project from `draft` with `ownerID` as its `owner` member, writes `project.created` and
    /// `project.member_added`, and runs `also` in the same transaction.
    ///
    /// - Throws: `400 VALIDATION_ERROR` on `key` when the requested key is taken, or when no free key can be
    ///   made from the name.
    func insertProject<Extra: Sendable>(
        _ draft: ProjectDraft,
        ownerID: String,
        now: Date = Date(),
        also: @escaping @Sendable (ProjectRecord, any DatabaseConnection) throws -> Extra
    ) async throws -> (ProjectRecord, Extra) {
        for attempt in 1...Self.keyAttempts {
            do {
                return try await self.context.write { connection in
                    let key = try self.key(for: draft, on: connection)
                    let project = ProjectRecord(
                        id: UUIDv7.make(now: now).uuidString.lowercased(),
                        key: key,
                        name: draft.name,
                        description: draft.description,
                        status: draft.status,
                        teamID: draft.teamID,
                        organizationID: draft.organizationID,
                        startDate: draft.startDate,
                        dueDate: draft.dueDate,
                        ownerID: ownerID,
                        createdAt: now,
                        updatedAt: now
                    )
                    let owner = ProjectMember(
                        projectID: project.id,
                        userID: ownerID,
                        role: .owner,
                        addedBy: ownerID,
                        joinedAt: now,
                        updatedAt: now
                    )
                    try ProjectStore.insert(project, on: connection)
                    try MemberStore.insert(owner, on: connection)
                    try Outbox.append(ProjectEvents.projectCreated(project, actorID: ownerID), on: connection)
                    try Outbox.append(
                        ProjectEvents.memberAdded(project: project, userID: ownerID, role: .owner, actorID: ownerID),
                        on: connection
                    )
                    return (project, try also(project, connection))
                }
            } catch let error where ProjectStore.isTakenKey(error) {
                if draft.key != nil || attempt == Self.keyAttempts {
                    throw Self.takenKey
                }
            }
        }
        throw Self.takenKey
    }

    /// Returns the requested key when it is free, else a free key made from the name.
    private func key(for draft: ProjectDraft, on connection: any DatabaseConnection) throws -> String {
        if let key = draft.key {
            if try ProjectStore.keyExists(key, on: connection) {
                throw Self.takenKey
            }
            return key
        }
        let base = ProjectKey.base(from: draft.name)
        let takenKeys = try ProjectStore.keys(startingWith: base, on: connection)
        guard let key = ProjectKey.firstFree(base: base, taken: takenKeys) else {
            throw HTTPError.invalidField(
                "key",
                "Every key made from this name is taken; send a key of 2 to 10 letters A-Z"
            )
        }
        return key
    }
}
