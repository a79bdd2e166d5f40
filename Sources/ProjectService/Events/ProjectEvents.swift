import HTTPServer
import Platform

/// The events this service writes to its outbox, with their payloads.
enum ProjectEvents {
    private static let producer = ProjectService.name.rawValue

    /// `project.created`: `project_id`, `key`, `name`, `status`, `team_id`, `organization_id`, `owner_id`.
    static func projectCreated(_ project: ProjectRecord, actorID: String) -> Event {
        Event(type: "project.created", producer: self.producer, actorID: actorID, data: self.snapshot(project))
    }

    /// `project.updated`: the fields of `project.created` after the change, and `changed_fields`, the API
    /// names of the fields that changed.
    static func projectUpdated(_ project: ProjectRecord, changedFields: [String], actorID: String) -> Event {
        var data = self.snapshot(project)
        data["changed_fields"] = .array(changedFields.map { .string($0) })
        return Event(type: "project.updated", producer: self.producer, actorID: actorID, data: data)
    }

    /// `project.deleted`: `project_id`. Other services delete their rows of the project when they see it.
    static func projectDeleted(projectID: String, actorID: String) -> Event {
        Event(
            type: "project.deleted",
            producer: self.producer,
            actorID: actorID,
            data: ["project_id": .string(projectID)]
        )
    }

    /// `project.member_added`: `project_id`, `project_name`, `user_id`, `role`.
    static func memberAdded(project: ProjectRecord, userID: String, role: ProjectRole, actorID: String) -> Event {
        let data: JSONObject = [
            "project_id": .string(project.id), "project_name": .string(project.name), "user_id": .string(userID),
            "role": .string(role.rawValue),
        ]
        return Event(type: "project.member_added", producer: self.producer, actorID: actorID, data: data)
    }

    /// `project.member_removed`: `project_id`, `user_id`, and `role`, the role the user had.
    static func memberRemoved(projectID: String, userID: String, role: ProjectRole, actorID: String) -> Event {
        let data: JSONObject = [
            "project_id": .string(projectID), "user_id": .string(userID), "role": .string(role.rawValue),
        ]
        return Event(type: "project.member_removed", producer: self.producer, actorID: actorID, data: data)
    }

    /// `project.member_role_changed`: `project_id`, `user_id`, `role` (the new one) and `previous_role`.
    static func memberRoleChanged(
        projectID: String,
        userID: String,
        role: ProjectRole,
        previousRole: ProjectRole,
        actorID: String
    ) -> Event {
        let data: JSONObject = [
            "project_id": .string(projectID), "user_id": .string(userID), "role": .string(role.rawValue),
            "previous_role": .string(previousRole.rawValue),
        ]
        return Event(type: "project.member_role_changed", producer: self.producer, actorID: actorID, data: data)
    }

    /// `milestone.created`: `milestone_id`, `project_id`, `name`, `status`, `due_date`.
    static func milestoneCreated(_ milestone: MilestoneRecord, actorID: String) -> Event {
        Event(type: "milestone.created", producer: self.producer, actorID: actorID, data: self.snapshot(milestone))
    }

    /// `milestone.updated`: the fields of `milestone.created` after the change, and `changed_fields`.
    static func milestoneUpdated(_ milestone: MilestoneRecord, changedFields: [String], actorID: String) -> Event {
        var data = self.snapshot(milestone)
        data["changed_fields"] = .array(changedFields.map { .string($0) })
        return Event(type: "milestone.updated", producer: self.producer, actorID: actorID, data: data)
    }

    /// `milestone.deleted`: `milestone_id`, `project_id`.
    static func milestoneDeleted(_ milestone: MilestoneRecord, actorID: String) -> Event {
        let data: JSONObject = ["milestone_id": .string(milestone.id), "project_id": .string(milestone.projectID)]
        return Event(type: "milestone.deleted", producer: self.producer, actorID: actorID, data: data)
    }

    private static func snapshot(_ project: ProjectRecord) -> JSONObject {
        [
            "project_id": .string(project.id), "key": .string(project.key), "name": .string(project.name),
            "status": .string(project.status.rawValue), "team_id": .string(project.teamID),
            "organization_id": .string(project.organizationID), "owner_id": .string(project.ownerID),
        ]
    }

    private static func snapshot(_ milestone: MilestoneRecord) -> JSONObject {
        [
            "milestone_id": .string(milestone.id), "project_id": .string(milestone.projectID),
            "name": .string(milestone.name), "status": .string(milestone.status.rawValue),
            "due_date": .string(milestone.dueDate?.description),
        ]
    }
}
