import Database
import Foundation
import HTTPServer
import Platform

extension ProjectService {
    /// `POST /api/v1/project-templates/{id}/instantiate`: creates a project with the caller as owner, takes
    /// the fields of `POST /api/v1/projects` with `start_date` defaulting to today (UTC), and responds with
    /// `201` and the new project.
    ///
    /// The project and the template's milestones are written in one transaction. The tasks follow, in
    /// template order, through the tasks service. Milestones and tasks are due `day_offset` days after the start
    /// date. When no tasks client is available the response is `503` before anything is written. When
    /// creating the tasks fails, the response is `503` too, and the new project is deleted again.
    func instantiateTemplate(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let template = try await self.visibleTemplate(request, user: user)
        var fields = FieldReader(try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes))
        var draft = ProjectDraft.read(&fields)
        let startDate = draft?.startDate ?? CalendarDate.today()
        draft?.startDate = startDate
        if let dueDate = draft?.dueDate, dueDate < startDate, fields.object["start_date"] == nil {
            fields.fail("due_date", "Must be on or after start_date, which defaults to today (\(startDate))")
        }
        let maxOffset = (template.milestones.map(\.dayOffset) + template.tasks.map(\.dayOffset)).max() ?? 0
        if startDate.adding(days: maxOffset) == nil {
            fields.fail("start_date", "The template places items up to \(maxOffset) days later, after 9999-12-31")
        }
        try fields.finish()
        guard let draft else { throw HTTPError.validation([:]) }

        let taskClient = template.tasks.isEmpty ? nil : self.tasks()
        if !template.tasks.isEmpty, taskClient == nil {
            Logger.current.error(
                "Tasks service unavailable; template not instantiated",
                metadata: ["template.id": template.id]
            )
            throw HTTPError.serviceUnavailable(retryAfter: Self.dependencyRetrySeconds)
        }
        try await self.checkGroupReferences(teamID: draft.teamID, organizationID: draft.organizationID, userID: user.id)

        let actorID = user.id
        let now = Date()
        let (project, milestoneIDs) = try await self.insertProject(draft, ownerID: actorID, now: now) {
            project,
            connection in
            try Self.insertMilestones(
                of: template,
                in: project,
                start: startDate,
                actorID: actorID,
                now: now,
                on: connection
            )
        }

        if let taskClient {
            let drafts = template.tasks.map { task in
                TaskDraft(
                    title: task.title,
                    description: task.description ?? "",
                    priority: task.priority.rawValue,
                    dueDate: startDate.adding(days: task.dayOffset)?.description,
                    milestoneID: task.milestoneIndex.map { milestoneIDs[$0] }
                )
            }
            do {
                _ = try await taskClient.createTasks(drafts, in: project.id, reporterID: actorID)
            } catch {
                Logger.current.error(
                    "Creating template tasks failed; deleting the new project",
                    metadata: [
                        "project.id": project.id, "template.id": template.id, "error": String(describing: error),
                    ]
                )
                await self.discardProject(project.id, actorID: actorID)
                throw HTTPError.serviceUnavailable(retryAfter: Self.dependencyRetrySeconds)
            }
        }
        return .success(
            project.json(role: .owner),
            status: .created,
            message:
                "Project created from the template with \(milestoneIDs.count) milestones and \(template.tasks.count) tasks"
        )
    }

    /// Inserts the template's milestones, due `day_offset` days after `start`, and returns their ids in
    /// template order.
    private static func insertMilestones(
        of template: ProjectTemplate,
        in project: ProjectRecord,
        start: CalendarDate,
        actorID: String,
        now: Date,
        on connection: any DatabaseConnection
    ) throws -> [String] {
        var ids: [String] = []
        for item in template.milestones {
            let milestone = MilestoneRecord(
                id: UUIDv7.make(now: now).uuidString.lowercased(),
                projectID: project.id,
                name: item.name,
                description: item.description,
                dueDate: start.adding(days: item.dayOffset),
                status: .open,
                completedAt: nil,
                ownerID: actorID,
                createdAt: now,
                updatedAt: now
            )
            try MilestoneStore.insert(milestone, on: connection)
            try Outbox.append(ProjectEvents.milestoneCreated(milestone, actorID: actorID), on: connection)
            ids.append(milestone.id)
        }
        return ids
    }

    /// Deletes a project whose instantiation failed halfway and writes `project.deleted`, the event on which the
    /// tasks service deletes any tasks it created before failing. A failure here is logged, because the
    /// request fails either way.
    private func discardProject(_ projectID: String, actorID: String) async {
        do {
            try await self.context.write { connection in
                try ProjectStore.delete(id: projectID, on: connection)
                try Outbox.append(ProjectEvents.projectDeleted(projectID: projectID, actorID: actorID), on: connection)
            }
        } catch {
            Logger.current.error(
                "Deleting a half-instantiated project failed",
                metadata: ["project.id": projectID, "error": String(describing: error)]
            )
        }
    }
}
