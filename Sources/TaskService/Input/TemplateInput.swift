import HTTPServer
import Platform

/// The fields of a new task template, validated.
struct TemplateInput: Sendable {
    static let nameLength = 1...200
    static let maxChecklistItems = 50
    static let maxChecklistItemLength = 500

    var name: String
    var title: String
    var description: String
    var priority: TaskPriority
    var estimateMinutes: Int64?
    var checklist: [String]

    /// Reads a template body.
    ///
    /// - Throws: `400 VALIDATION_ERROR` with every problem, including a description and checklist that would
    ///   not fit together into the description of a task (50 000 characters).
    init(body: JSONObject) throws(HTTPError) {
        var fields = FieldReader(body)
        fields.rejectNull("priority")
        let name = fields.string(
            "name",
            required: true,
            minLength: Self.nameLength.lowerBound,
            maxLength: Self.nameLength.upperBound,
            trim: true
        )
        let title = fields.string(
            "title",
            required: true,
            minLength: TaskInput.titleLength.lowerBound,
            maxLength: TaskInput.titleLength.upperBound,
            trim: true
        )
        let description = fields.string("description", maxLength: TaskInput.maxDescriptionLength) ?? ""
        let priority = fields.choice("priority", as: TaskPriority.self) ?? .medium
        let estimate = fields.integer("estimate_minutes", range: TaskInput.estimateRange)
        let checklist =
            fields.stringList(
                "checklist",
                maxCount: Self.maxChecklistItems,
                maxLength: Self.maxChecklistItemLength,
                itemName: "checklist item"
            ) ?? []
        try fields.finish()
        guard let name, let title else { throw HTTPError.validation([:]) }

        self.name = name
        self.title = title
        self.description = description
        self.priority = priority
        self.estimateMinutes = estimate
        self.checklist = checklist

        let combined = self.record(id: "", ownerID: "", createdAt: "").taskDescription
        if combined.count > TaskInput.maxDescriptionLength {
            throw HTTPError.invalidField(
                "checklist",
                "The description and the checklist together must fit in \(TaskInput.maxDescriptionLength) characters, the limit of a task description"
            )
        }
    }

    func record(id: String, ownerID: String, createdAt: String) -> TaskTemplateRecord {
        TaskTemplateRecord(
            id: id,
            ownerID: ownerID,
            name: self.name,
            title: self.title,
            description: self.description,
            priority: self.priority,
            estimateMinutes: self.estimateMinutes,
            checklist: self.checklist,
            createdAt: createdAt
        )
    }
}
