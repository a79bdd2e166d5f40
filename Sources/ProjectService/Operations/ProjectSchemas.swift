import HTTPServer
import Platform

/// JSON Schemas of this service's request bodies and query parameters, for the OpenAPI document.
enum ProjectSchemas {
    static let date = Schema.string(format: "date")
    static let name = Schema.string(minLength: 1, maxLength: 200)
    static let description = Schema.nullable(Schema.string(maxLength: ProjectDraft.maxDescriptionLength))
    static let key: JSONValue = ["type": "string", "pattern": "^[A-Z]{2,10}$"]
    static let projectStatus = Schema.enumeration(ProjectStatus.rawValues)
    static let role = Schema.enumeration(ProjectRole.allCases.map(\.rawValue))
    static let dayOffset: JSONValue = ["type": "integer", "minimum": 0, "maximum": .int(TemplateDraft.maxDayOffset)]

    /// The body of `POST /api/v1/projects`; instantiation takes the same fields.
    static let newProject = Schema.object(
        [
            ("name", name), ("key", key), ("description", description), ("status", projectStatus),
            ("team_id", Schema.nullable(Schema.uuid)), ("organization_id", Schema.nullable(Schema.uuid)),
            ("start_date", Schema.nullable(date)), ("due_date", Schema.nullable(date)),
        ],
        required: ["name"]
    )

    static let projectChanges = Schema.object([
        ("name", name), ("key", key), ("description", description), ("status", projectStatus),
        ("team_id", Schema.nullable(Schema.uuid)), ("organization_id", Schema.nullable(Schema.uuid)),
        ("start_date", Schema.nullable(date)), ("due_date", Schema.nullable(date)),
    ])

    static let newMember = Schema.object([("user_id", Schema.uuid), ("role", role)], required: ["user_id", "role"])
    static let memberChanges = Schema.object([("role", role)], required: ["role"])

    static func milestone(required: [String]) -> JSONValue {
        Schema.object(
            [
                ("name", name), ("description", description), ("due_date", Schema.nullable(date)),
                ("status", Schema.enumeration(MilestoneStatus.rawValues)),
            ],
            required: required
        )
    }

    static let newTemplate: JSONValue = {
        let milestone = Schema.object(
            [("name", name), ("description", description), ("day_offset", dayOffset)],
            required: ["name", "day_offset"]
        )
        let milestoneReference: JSONValue = [
            "description": "The index (from 0) or the name of one of this template's milestones",
            "oneOf": [["type": "integer", "minimum": 0], ["type": "string"], ["type": "null"]],
        ]
        let task = Schema.object(
            [
                ("title", Schema.string(minLength: 1, maxLength: 500)), ("description", description),
                ("priority", Schema.enumeration(TaskPriority.rawValues)), ("day_offset", dayOffset),
                ("milestone", milestoneReference),
            ],
            required: ["title", "day_offset"]
        )
        return Schema.object(
            [
                ("name", name), ("description", description),
                ("milestones", ["type": "array", "maxItems": .int(TemplateDraft.maxMilestones), "items": milestone]),
                ("tasks", ["type": "array", "maxItems": .int(TemplateDraft.maxTasks), "items": task]),
            ],
            required: ["name"]
        )
    }()

    /// `limit` and `cursor`, which every list takes.
    static let paging: [(name: String, schema: JSONValue, description: String)] = [
        ("limit", ["type": "integer", "minimum": 1, "maximum": 200, "default": 50], "Page size"),
        ("cursor", Schema.string, "meta.next_cursor of the previous page, with the same ordering and filters"),
    ]

    /// Returns the `ordering` parameter for `fields`, with `defaultOrdering`.
    static func ordering(
        _ fields: [SortField],
        defaultOrdering: String
    ) -> (name: String, schema: JSONValue, description: String) {
        var schema = Schema.enumeration(SortField.orderingValues(fields))
        if case .object(var object) = schema {
            object["default"] = .string(defaultOrdering)
            schema = .object(object)
        }
        return ("ordering", schema, "A field to order by; a leading - orders descending")
    }
}
