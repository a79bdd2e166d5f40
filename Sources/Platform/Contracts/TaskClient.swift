import Foundation

/// A task to create on behalf of another service, such as a project template's instantiation.
public struct TaskDraft: Sendable {
    public var title: String
    public var description: String
    public var priority: String
    public var dueDate: String?
    public var milestoneID: String?

    public init(
        title: String,
        description: String = "",
        priority: String = "medium",
        dueDate: String? = nil,
        milestoneID: String? = nil
    ) {
        self.title = title
        self.description = description
        self.priority = priority
        self.dueDate = dueDate
        self.milestoneID = milestoneID
    }
}

/// What other services may ask the tasks service.
public protocol TaskClient: Sendable {
    /// Creates `drafts` in `projectID` as `reporterID`, numbered in order; returns the new task ids.
    func createTasks(_ drafts: [TaskDraft], in projectID: String, reporterID: String) async throws -> [String]
}
