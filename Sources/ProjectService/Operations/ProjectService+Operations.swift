import HTTPServer
import Platform

extension ProjectService {
    public var operations: [APIOperation] {
        self.projectOperations + self.memberOperations + self.milestoneOperations + self.templateOperations
    }

    private var projectOperations: [APIOperation] {
        let tag = "projects"
        let notFound = (404, "PROJECT_NOT_FOUND: no such project, or the caller is not a member")
        return [
            APIOperation(
                "POST",
                "/api/v1/projects",
                summary: "Create a project; the caller becomes its owner",
                tag: tag,
                requestBody: ProjectSchemas.newProject,
                responses: [
                    (201, "The project; a key is generated from the name when none is sent"),
                    (400, "Invalid input, a taken key, or a team or organization the caller does not belong to"),
                ]
            ),
            APIOperation(
                "GET",
                "/api/v1/projects",
                summary: "List the caller's projects, direct and through teams (admins: every project)",
                tag: tag,
                queryParameters: [
                    ("status", ProjectSchemas.projectStatus, "Only projects in this status"),
                    ("team_id", Schema.uuid, "Only projects of this team"),
                    ("search", Schema.string(maxLength: 200), "Case-insensitive substring of the name or key"),
                    ProjectSchemas.ordering(ProjectStore.sortFields, defaultOrdering: "-created_at"),
                ] + ProjectSchemas.paging,
                responses: [
                    (200, "A page of projects with the caller's role"), (400, "Invalid filter, ordering or paging"),
                    (404, "TEAM_NOT_FOUND: team_id names a team the caller is not a member of"),
                ]
            ),
            APIOperation(
                "GET",
                "/api/v1/projects/{id}",
                summary: "A project with the caller's role",
                tag: tag,
                responses: [(200, "The project"), notFound]
            ),
            APIOperation(
                "PATCH",
                "/api/v1/projects/{id}",
                summary: "Change a project (managers and owners; only owners change the key)",
                tag: tag,
                requestBody: ProjectSchemas.projectChanges,
                responses: [
                    (200, "The project"), (400, "Invalid input or a taken key"),
                    (403, "The caller's role does not allow the change"), notFound,
                ]
            ),
            APIOperation(
                "DELETE",
                "/api/v1/projects/{id}",
                summary: "Delete a project with its members and milestones (owners)",
                tag: tag,
                responses: [(204, "Deleted"), (403, "The caller is not an owner"), notFound]
            ),
        ]
    }

    private var memberOperations: [APIOperation] {
        let tag = "projects"
        let notFound = (404, "PROJECT_NOT_FOUND, or MEMBER_NOT_FOUND for a user without a direct membership")
        return [
            APIOperation(
                "GET",
                "/api/v1/projects/{id}/members",
                summary: "List direct members and the team's members (via: team), ordered by user id",
                tag: tag,
                queryParameters: [
                    ("role", ProjectSchemas.role, "Only members with this role"),
                    ("via", Schema.enumeration(MembershipSource.rawValues), "Only direct or only team members"),
                    ("ordering", Schema.enumeration(["user_id"]), "Members are ordered by user id only"),
                ] + ProjectSchemas.paging,
                responses: [
                    (200, "A page of members with user summaries"), (400, "Invalid filter or paging"), notFound,
                ]
            ),
            APIOperation(
                "POST",
                "/api/v1/projects/{id}/members",
                summary: "Add a member (managers add viewers and members; owners add any role)",
                tag: tag,
                requestBody: ProjectSchemas.newMember,
                responses: [
                    (201, "The member"), (400, "Invalid input, an unknown user, or a user who is already a member"),
                    (403, "The caller's role does not allow adding this role"), notFound,
                ]
            ),
            APIOperation(
                "PATCH",
                "/api/v1/projects/{id}/members/{user_id}",
                summary: "Change a direct member's role (managers among viewers and members; owners for any)",
                tag: tag,
                requestBody: ProjectSchemas.memberChanges,
                responses: [
                    (200, "The member"), (400, "Invalid role"), (403, "The caller's role does not allow the change"),
                    notFound, (409, "CONFLICT: the last owner cannot be demoted"),
                ]
            ),
            APIOperation(
                "DELETE",
                "/api/v1/projects/{id}/members/{user_id}",
                summary: "Remove a direct member (managers remove viewers and members, owners anyone, anyone themself)",
                tag: tag,
                responses: [
                    (204, "Removed"), (403, "The caller's role does not allow the removal"), notFound,
                    (409, "CONFLICT: the last owner cannot be removed"),
                ]
            ),
        ]
    }

    private var milestoneOperations: [APIOperation] {
        let tag = "projects"
        let notFound = (404, "PROJECT_NOT_FOUND, or MILESTONE_NOT_FOUND (also for a milestone of another project)")
        let forbidden = (403, "Only managers and owners manage milestones")
        return [
            APIOperation(
                "GET",
                "/api/v1/projects/{id}/milestones",
                summary: "List a project's milestones",
                tag: tag,
                queryParameters: [
                    ("status", Schema.enumeration(MilestoneStatus.rawValues), "Only milestones in this status"),
                    ProjectSchemas.ordering(MilestoneStore.sortFields, defaultOrdering: "due_date"),
                ] + ProjectSchemas.paging,
                responses: [
                    (200, "A page of milestones; those without a due date sort as if due on 9999-12-31"),
                    (400, "Invalid filter, ordering or paging"), notFound,
                ]
            ),
            APIOperation(
                "POST",
                "/api/v1/projects/{id}/milestones",
                summary: "Create a milestone (managers and owners)",
                tag: tag,
                requestBody: ProjectSchemas.milestone(required: ["name"]),
                responses: [(201, "The milestone"), (400, "Invalid input"), forbidden, notFound]
            ),
            APIOperation(
                "GET",
                "/api/v1/projects/{id}/milestones/{milestone_id}",
                summary: "A milestone",
                tag: tag,
                responses: [(200, "The milestone"), notFound]
            ),
            APIOperation(
                "PATCH",
                "/api/v1/projects/{id}/milestones/{milestone_id}",
                summary: "Change a milestone (managers and owners); completed_at follows the status",
                tag: tag,
                requestBody: ProjectSchemas.milestone(required: []),
                responses: [(200, "The milestone"), (400, "Invalid input"), forbidden, notFound]
            ),
            APIOperation(
                "DELETE",
                "/api/v1/projects/{id}/milestones/{milestone_id}",
                summary: "Delete a milestone (managers and owners)",
                tag: tag,
                responses: [(204, "Deleted"), forbidden, notFound]
            ),
        ]
    }

    private var templateOperations: [APIOperation] {
        let tag = "project-templates"
        let notFound = (404, "TEMPLATE_NOT_FOUND: no such template, or the caller neither created it nor is an admin")
        return [
            APIOperation(
                "GET",
                "/api/v1/project-templates",
                summary: "List the caller's project templates (admins: every template)",
                tag: tag,
                queryParameters: [
                    ("search", Schema.string(maxLength: 200), "Case-insensitive substring of the name"),
                    ProjectSchemas.ordering(TemplateStore.sortFields, defaultOrdering: "-created_at"),
                ] + ProjectSchemas.paging,
                responses: [(200, "A page of templates"), (400, "Invalid filter, ordering or paging")]
            ),
            APIOperation(
                "POST",
                "/api/v1/project-templates",
                summary: "Create a project template, visible to its creator and admins",
                tag: tag,
                requestBody: ProjectSchemas.newTemplate,
                responses: [
                    (201, "The template; each task's milestone is returned as an index"),
                    (400, "Invalid input, with fields named like tasks[2].day_offset"),
                ]
            ),
            APIOperation(
                "GET",
                "/api/v1/project-templates/{id}",
                summary: "A project template",
                tag: tag,
                responses: [(200, "The template"), notFound]
            ),
            APIOperation(
                "DELETE",
                "/api/v1/project-templates/{id}",
                summary: "Delete a project template; projects made from it stay",
                tag: tag,
                responses: [(204, "Deleted"), notFound]
            ),
            APIOperation(
                "POST",
                "/api/v1/project-templates/{id}/instantiate",
                summary:
                    "Create a project with the template's milestones and tasks, due day_offset days after start_date",
                tag: tag,
                requestBody: ProjectSchemas.newProject,
                responses: [
                    (201, "The new project; start_date defaults to today (UTC)"),
                    (400, "Invalid input, as for creating a project"), notFound,
                    (503, "SERVICE_UNAVAILABLE: the tasks service could not create the tasks; no project was kept"),
                ]
            ),
        ]
    }
}
