/// The workflow state of a task.
enum TaskStatus: String, Sendable, CaseIterable {
    case todo
    case inProgress = "in_progress"
    case inReview = "in_review"
    case done
    case cancelled

    /// True for `done` and `cancelled`: a blocker in either status no longer blocks.
    var isResolved: Bool {
        self == .done || self == .cancelled
    }

    /// The accepted values, for validation messages and the OpenAPI document.
    static let names = Self.allCases.map(\.rawValue)
}
