import Database
import Foundation
import HTTPServer
import Platform

/// Imports from other trackers. The caller is the composition root acting on an operator's authority, so no
/// caller role is checked. The caller also makes sure that the owner and the members are existing users.
extension ProjectService {
    /// Longest accepted source reference, in characters.
    static let maxSourceRefLength = 500

    /// Creates the project of `request` with its owner as `owner` member, or returns the project that an earlier
    /// import of the same source made under the same key, unchanged.
    ///
    /// - Throws: `400 VALIDATION_ERROR` for an invalid key, name, description or owner id, and `409 CONFLICT`
    ///   when the key belongs to a project made through the API or imported from another source.
    public func importProject(_ request: ProjectImport) async throws -> ImportedRecord {
        var problems: [String: [String]] = [:]
        if let problem = ProjectKey.problem(request.key) { problems["key"] = [problem] }
        if let problem = Self.nameProblem(request.name) { problems["name"] = [problem] }
        if let description = request.description, let problem = Self.descriptionProblem(description) {
            problems["description"] = [problem]
        }
        if let problem = Self.sourceRefProblem(request.sourceRef) { problems["source_ref"] = [problem] }
        let ownerID = UUID(uuidString: request.ownerID)?.uuidString.lowercased()
        if ownerID == nil { problems["owner_id"] = ["Must be a valid UUID"] }
        guard problems.isEmpty, let ownerID else { throw HTTPError.validation(problems) }

        if let existing = try await self.previousImport(of: request) {
            return existing
        }
        let draft = ProjectDraft(
            name: request.name,
            key: request.key,
            description: request.description,
            status: .active,
            teamID: nil,
            organizationID: nil,
            startDate: nil,
            dueDate: nil
        )
        let sourceRef = request.sourceRef
        do {
            let (project, _) = try await self.insertProject(draft, ownerID: ownerID) { project, connection in
                try ProjectStore.setSourceRef(sourceRef, projectID: project.id, on: connection)
            }
            return ImportedRecord(id: project.id, created: true)
        } catch let error as HTTPError where error.details?["key"] != nil {
            // Another import or request took the key between the lookup and the insert.
            if let existing = try await self.previousImport(of: request) {
                return existing
            }
            throw error
        }
    }

    /// Creates the milestones of `imports` that `projectID` does not have yet, in one transaction, each with
    /// `milestone.created` carrying `imported: true`, and returns every milestone's id by source reference.
    ///
    /// - Throws: `404 PROJECT_NOT_FOUND` for an unknown project, and `400 VALIDATION_ERROR` naming
    ///   `milestones[i].field` for an invalid milestone, before anything is written.
    public func importMilestones(
        _ imports: [MilestoneImport],
        into projectID: String,
        actorID: String
    ) async throws
        -> [String: ImportedRecord]
    {
        guard let project = UUID(uuidString: projectID)?.uuidString.lowercased() else { throw Self.projectNotFound }
        guard let actor = UUID(uuidString: actorID)?.uuidString.lowercased() else {
            throw HTTPError.invalidField("actor_id", "Must be a valid UUID")
        }
        let drafts = try Self.milestoneRecords(imports, projectID: project, ownerID: actor)

        return try await self.context.write { connection in
            guard try ProjectStore.project(id: project, userID: actor, lock: true, on: connection) != nil else {
                throw Self.projectNotFound
            }
            var records: [String: ImportedRecord] = [:]
            for (sourceRef, id) in try MilestoneStore.idsBySourceRef(projectID: project, on: connection) {
                records[sourceRef] = ImportedRecord(id: id, created: false)
            }
            for (sourceRef, milestone) in drafts where records[sourceRef] == nil {
                try MilestoneStore.insert(milestone, sourceRef: sourceRef, on: connection)
                var event = ProjectEvents.milestoneCreated(milestone, actorID: actor)
                event.data["imported"] = true
                event.data["source_ref"] = .string(sourceRef)
                try Outbox.append(event, on: connection)
                records[sourceRef] = ImportedRecord(id: milestone.id, created: true)
            }
            return records
        }
    }

    /// Adds the users of `userIDs` who are not direct members of `projectID` with `role`, in one transaction,
    /// each with `project.member_added` carrying `imported: true`. Members already present keep their role.
    ///
    /// - Throws: `404 PROJECT_NOT_FOUND` for an unknown project, and `400 VALIDATION_ERROR` for an id that is
    ///   not a UUID.
    public func addImportedMembers(
        _ userIDs: [String],
        to projectID: String,
        role: ProjectRole = .member,
        actorID: String
    ) async throws -> MemberImportResult {
        guard let project = UUID(uuidString: projectID)?.uuidString.lowercased() else { throw Self.projectNotFound }
        let members = try Self.distinctIDs(userIDs)
        guard let actor = UUID(uuidString: actorID)?.uuidString.lowercased() else {
            throw HTTPError.invalidField("actor_id", "Must be a valid UUID")
        }
        guard !members.isEmpty else { return MemberImportResult() }

        let now = Date()
        return try await self.context.write { connection in
            guard let (record, _) = try ProjectStore.project(id: project, userID: actor, lock: true, on: connection)
            else {
                throw Self.projectNotFound
            }
            let present = try MemberStore.directMemberIDs(projectID: project, among: members, on: connection)
            var result = MemberImportResult()
            for userID in members {
                if present.contains(userID) {
                    result.existing.append(userID)
                    continue
                }
                let member = ProjectMember(
                    projectID: project,
                    userID: userID,
                    role: role,
                    addedBy: actor,
                    joinedAt: now,
                    updatedAt: now
                )
                try MemberStore.insert(member, on: connection)
                var event = ProjectEvents.memberAdded(project: record, userID: userID, role: role, actorID: actor)
                event.data["imported"] = true
                try Outbox.append(event, on: connection)
                result.added.append(userID)
            }
            return result
        }
    }

    /// Returns `userIDs` lower-cased, without repeats, in their first order.
    private static func distinctIDs(_ userIDs: [String]) throws(HTTPError) -> [String] {
        var ids: [String] = []
        var seen: Set<String> = []
        for userID in userIDs {
            guard let id = UUID(uuidString: userID)?.uuidString.lowercased() else {
                throw HTTPError.invalidField("user_id", "User id \(userID) is not a valid UUID")
            }
            if seen.insert(id).inserted {
                ids.append(id)
            }
        }
        return ids
    }

    /// Returns the project with the key of `request` when an import of the same source made it.
    ///
    /// - Throws: `409 CONFLICT` when the key belongs to another project.
    private func previousImport(of request: ProjectImport) async throws -> ImportedRecord? {
        let key = request.key
        guard
            let existing = try await self.context.database.read({ connection in
                try ProjectStore.sourceOfProject(key: key, on: connection)
            })
        else { return nil }
        guard existing.sourceRef == request.sourceRef else {
            let origin = existing.sourceRef.map { "was imported from \($0)" } ?? "was not made by an import"
            throw HTTPError.conflict(
                "Project key \(key) belongs to a project that \(origin), not \(request.sourceRef); choose another key"
            )
        }
        return ImportedRecord(id: existing.id, created: false)
    }

    /// Validates `imports` with the rules of the milestone endpoints and builds their rows.
    private static func milestoneRecords(
        _ imports: [MilestoneImport],
        projectID: String,
        ownerID: String
    )
        throws(HTTPError) -> [(sourceRef: String, milestone: MilestoneRecord)]
    {
        var errors: [String: [String]] = [:]
        var records: [(sourceRef: String, milestone: MilestoneRecord)] = []
        var seenRefs: Set<String> = []
        let now = Date()
        for (index, item) in imports.enumerated() {
            let prefix = "milestones[\(index)]."
            var problems: [String: [String]] = [:]
            if let problem = Self.sourceRefProblem(item.sourceRef) {
                problems[prefix + "source_ref"] = [problem]
            } else if !seenRefs.insert(item.sourceRef).inserted {
                problems[prefix + "source_ref"] = ["Appears twice in this batch: \(item.sourceRef)"]
            }
            if let problem = Self.nameProblem(item.name) { problems[prefix + "name"] = [problem] }
            if let description = item.description, let problem = Self.descriptionProblem(description) {
                problems[prefix + "description"] = [problem]
            }
            let dueDate = item.dueDate.map { CalendarDate($0) }
            if dueDate == .some(nil) { problems[prefix + "due_date"] = ["Must be a date in the form YYYY-MM-DD"] }
            errors.merge(problems) { $0 + $1 }
            guard problems.isEmpty else { continue }

            let createdAt = item.createdAt ?? now
            let updatedAt = max(item.updatedAt ?? createdAt, createdAt)
            let milestone = MilestoneRecord(
                id: UUIDv7.make(now: createdAt).uuidString.lowercased(),
                projectID: projectID,
                name: item.name,
                description: item.description,
                dueDate: dueDate ?? nil,
                status: item.isCompleted ? .completed : .open,
                completedAt: item.isCompleted ? max(item.completedAt ?? updatedAt, createdAt) : nil,
                ownerID: ownerID,
                createdAt: createdAt,
                updatedAt: updatedAt
            )
            records.append((item.sourceRef, milestone))
        }
        if !errors.isEmpty {
            throw HTTPError.validation(errors)
        }
        return records
    }

    /// Returns why `name` is not a valid project or milestone name, or nil: those have 1 to 200 characters, no
    /// leading or trailing spaces and no control characters.
    private static func nameProblem(_ name: String) -> String? {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed == name, (1...ProjectImport.maxNameLength).contains(name.count) else {
            return "Must be 1 to \(ProjectImport.maxNameLength) characters without leading or trailing spaces"
        }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "Must not contain control characters such as line breaks"
        }
        return nil
    }

    private static func descriptionProblem(_ description: String) -> String? {
        if description.count > ProjectDraft.maxDescriptionLength {
            return "Must be at most \(ProjectDraft.maxDescriptionLength) characters"
        }
        if description.utf8.contains(0) {
            return "Must not contain the NUL character (\\u0000)"
        }
        return nil
    }

    private static func sourceRefProblem(_ sourceRef: String) -> String? {
        guard (1...Self.maxSourceRefLength).contains(sourceRef.count), !sourceRef.utf8.contains(0) else {
            return "Must be 1 to \(Self.maxSourceRefLength) characters without NUL"
        }
        return nil
    }
}
