import Foundation

/// A task copied from another tracker, with the history that tracker kept.
public struct TaskImport: Sendable {
    /// The source record, such as `github:owner/repo#123`; unique within the project.
    public var sourceRef: String
    public var title: String
    /// Empty when the source record has none.
    public var description: String
    /// One of `todo`, `in_progress`, `in_review`, `done` and `cancelled`.
    public var status: String
    /// Distinct labels in the order given.
    public var labels: [String]
    public var reporterID: String
    /// A member of the project.
    public var assigneeID: String?
    /// A milestone of the same project.
    public var milestoneID: String?
    public var createdAt: Date
    /// When the source record last changed; `createdAt` when nil.
    public var updatedAt: Date?
    /// When a `done` task was finished; `updatedAt` when nil. Ignored for other statuses.
    public var completedAt: Date?

    public init(
        sourceRef: String,
        title: String,
        description: String = "",
        status: String = "todo",
        labels: [String] = [],
        reporterID: String,
        assigneeID: String? = nil,
        milestoneID: String? = nil,
        createdAt: Date,
        updatedAt: Date? = nil,
        completedAt: Date? = nil
    ) {
        self.sourceRef = sourceRef
        self.title = title
        self.description = description
        self.status = status
        self.labels = labels
        self.reporterID = reporterID
        self.assigneeID = assigneeID
        self.milestoneID = milestoneID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.completedAt = completedAt
    }
}

/// The outcome of ``TaskService/importTasks(_:into:actorID:)`` for one batch.
public struct TaskImportResult: Sendable {
    /// The new task ids by source reference.
    public var createdIDs: [String: String] = [:]
    /// Source references that a task of the project already had; those tasks were left unchanged.
    public var existingRefs: [String] = []
}

extension TaskImport {
    /// Longest title, in characters, after trimming.
    public static let maxTitleLength = TaskInput.titleLength.upperBound
    /// Longest description, in characters.
    public static let maxDescriptionLength = TaskInput.maxDescriptionLength
    public static let maxLabels = TaskInput.maxLabels
    /// Longest label, in characters.
    public static let maxLabelLength = TaskInput.maxLabelLength
}
