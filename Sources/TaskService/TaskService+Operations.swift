import HTTPServer
import Platform

extension TaskService {
    public var operations: [APIOperation] {
        let tag = "tasks"
        let uuid = Schema.uuid
        let date = Schema.string(format: "date")
        let taskFields: [(String, JSONValue)] = [
            ("title", Schema.string(minLength: 1, maxLength: 500)),
            ("description", Schema.nullable(Schema.string(maxLength: TaskInput.maxDescriptionLength))),
            ("status", Schema.enumeration(TaskStatus.names)),
            ("priority", Schema.enumeration(TaskPriority.names)),
            ("assignee_id", Schema.nullable(uuid)),
            ("milestone_id", Schema.nullable(uuid)),
            ("parent_id", Schema.nullable(uuid)),
            ("due_date", Schema.nullable(date)),
            ("start_date", Schema.nullable(date)),
            ("estimate_minutes", ["type": ["integer", "null"], "minimum": 0, "maximum": 1_000_000]),
            (
                "labels",
                [
                    "type": ["array", "null"], "maxItems": 20,
                    "items": Schema.string(minLength: 1, maxLength: TaskInput.maxLabelLength),
                ]
            ),
            ("position", ["type": "integer", "minimum": 0, "maximum": 2_147_483_647]),
        ]
        let listParameters: [(name: String, schema: JSONValue, description: String)] = [
            ("project_id", uuid, "Only this project's tasks; 404 when the caller cannot see the project"),
            ("assignee_id", Schema.string, "A user id, me for the caller, or none for unassigned tasks"),
            ("status", Schema.string, "One or more of \(TaskStatus.names.joined(separator: ", ")), comma-separated"),
            (
                "priority", Schema.string,
                "One or more of \(TaskPriority.names.joined(separator: ", ")), comma-separated"
            ),
            ("milestone_id", Schema.string, "A milestone id, or none"),
            ("parent_id", Schema.string, "A parent task id, or none for top-level tasks"),
            ("label", Schema.string(minLength: 1, maxLength: TaskInput.maxLabelLength), "Tasks with this label"),
            ("due_before", date, "Due on or before this date"),
            ("due_after", date, "Due on or after this date"),
            (
                "search", Schema.string(maxLength: TaskFilters.maxSearchLength),
                "Text the title contains, case-insensitive"
            ),
            (
                "ordering", Schema.enumeration(TaskOrdering.names),
                "Sort field, - for descending; default -created_at. Priority sorts by rank (low < medium < high < urgent); tasks without a due date come last in both due_date directions"
            ),
            ("limit", ["type": "integer", "minimum": 1, "maximum": 200, "default": 50], "Page size"),
            ("cursor", Schema.string, "meta.next_cursor of the previous page, with the same ordering"),
        ]
        let writeErrors: [(status: Int, description: String)] = [
            (400, "Invalid input; an assignee who is not a project member; a parent outside the project"),
            (403, "The caller is a viewer of the project"),
            (404, "TASK_NOT_FOUND: no such task, or not visible to the caller"),
        ]
        let oneTask = [(200, "The task with assignee (null when the users service does not answer in 200 ms)")]
        return [
            APIOperation(
                "POST",
                "/api/v1/tasks",
                summary: "Create a task with the project's next number",
                tag: tag,
                requestBody: Schema.object([("project_id", uuid)] + taskFields, required: ["project_id", "title"]),
                responses: [
                    (201, "The new task with its per-project number"),
                    (400, "Invalid input, or a project_id that does not exist or that the caller cannot see"),
                    (403, "The caller is a viewer of the project"),
                ]
            ),
            APIOperation(
                "GET",
                "/api/v1/tasks",
                summary: "List the tasks the caller can see",
                tag: tag,
                queryParameters: listParameters,
                responses: [
                    (200, "A page of tasks, each with assignee"),
                    (400, "An invalid filter value, ordering, limit or cursor"),
                    (404, "A project_id the caller cannot see"),
                ]
            ),
            APIOperation(
                "GET",
                "/api/v1/tasks/{id}",
                summary: "A task with its assignee's summary",
                tag: tag,
                responses: oneTask + [(404, "TASK_NOT_FOUND")]
            ),
            APIOperation(
                "PATCH",
                "/api/v1/tasks/{id}",
                summary: "Update some fields of a task; project_id and other read-only fields are ignored",
                tag: tag,
                requestBody: Schema.object(taskFields),
                responses: oneTask + writeErrors + [(409, "TASK_BLOCKED when moving to done while a blocker is open")]
            ),
            APIOperation(
                "DELETE",
                "/api/v1/tasks/{id}",
                summary: "Delete a task (members, managers and owners); its subtasks lose their parent",
                tag: tag,
                responses: [(204, "Deleted")] + writeErrors.dropFirst()
            ),
            APIOperation(
                "POST",
                "/api/v1/tasks/{id}/assign",
                summary: "Assign a project member, or unassign with null",
                tag: tag,
                requestBody: Schema.object([("assignee_id", Schema.nullable(uuid))], required: ["assignee_id"]),
                responses: oneTask + writeErrors
            ),
            APIOperation(
                "POST",
                "/api/v1/tasks/{id}/status",
                summary: "Change a task's status",
                tag: tag,
                requestBody: Schema.object([("status", Schema.enumeration(TaskStatus.names))], required: ["status"]),
                responses: oneTask + writeErrors + [
                    (409, "TASK_BLOCKED: moving to done while a blocker is neither done nor cancelled")
                ]
            ),
            APIOperation(
                "GET",
                "/api/v1/tasks/{id}/dependencies",
                summary: "The tasks this one is blocked by and the tasks it blocks",
                tag: tag,
                responses: [
                    (200, "blocked_by and blocks: lists of {id, project_id, number, title, status}"),
                    (404, "TASK_NOT_FOUND"),
                ]
            ),
            APIOperation(
                "POST",
                "/api/v1/tasks/{id}/dependencies",
                summary: "Make this task blocked by another",
                tag: tag,
                requestBody: Schema.object([("depends_on_id", uuid)], required: ["depends_on_id"]),
                responses: [
                    (201, "The new dependency"),
                    (400, "A missing or invisible depends_on_id, or a dependency that already exists"),
                    (403, "The caller is a viewer of the project"),
                    (404, "TASK_NOT_FOUND"),
                    (409, "DEPENDENCY_CYCLE: the task would depend on itself, directly or through other tasks"),
                ]
            ),
            APIOperation(
                "DELETE",
                "/api/v1/tasks/{id}/dependencies/{depends_on_id}",
                summary: "Remove a dependency",
                tag: tag,
                responses: [
                    (204, "Removed"), (403, "The caller is a viewer of the project"),
                    (404, "TASK_NOT_FOUND, or no such dependency"),
                ]
            ),
            APIOperation(
                "GET",
                "/api/v1/task-templates",
                summary: "The caller's task templates (all of them for admins)",
                tag: tag,
                queryParameters: [
                    ("ordering", Schema.enumeration(["-created_at"]), "Newest first, the only ordering"),
                    ("limit", ["type": "integer", "minimum": 1, "maximum": 200, "default": 50], "Page size"),
                    ("cursor", Schema.string, "meta.next_cursor of the previous page"),
                ],
                responses: [(200, "A page of templates"), (400, "An invalid limit, ordering or cursor")]
            ),
            APIOperation(
                "POST",
                "/api/v1/task-templates",
                summary: "Create a task template owned by the caller",
                tag: tag,
                requestBody: Schema.object(
                    [
                        ("name", Schema.string(minLength: 1, maxLength: TemplateInput.nameLength.upperBound)),
                        ("title", Schema.string(minLength: 1, maxLength: 500)),
                        ("description", Schema.string(maxLength: TaskInput.maxDescriptionLength)),
                        ("priority", Schema.enumeration(TaskPriority.names)),
                        ("estimate_minutes", ["type": "integer", "minimum": 0, "maximum": 1_000_000]),
                        (
                            "checklist",
                            [
                                "type": "array", "maxItems": .int(Int64(TemplateInput.maxChecklistItems)),
                                "items": Schema.string(minLength: 1, maxLength: TemplateInput.maxChecklistItemLength),
                            ]
                        ),
                    ],
                    required: ["name", "title"]
                ),
                responses: [(201, "The template"), (400, "Invalid input")]
            ),
            APIOperation(
                "POST",
                "/api/v1/task-templates/{id}/instantiate",
                summary: "Create a task from a template; the checklist becomes a Markdown task list in the description",
                tag: tag,
                requestBody: Schema.object(
                    [("project_id", uuid)] + taskFields + [("overrides", Schema.object(taskFields))],
                    required: ["project_id"]
                ),
                responses: [
                    (201, "The new task as data"),
                    (400, "Invalid input, or a project_id that does not exist or that the caller cannot see"),
                    (403, "The caller is a viewer of the project"),
                    (404, "No such template, or not the caller's"),
                ]
            ),
        ]
    }
}
