/// The urgency of a task. Ordering by priority follows `rank`, so `low` < `medium` < `high` < `urgent`.
enum TaskPriority: String, Sendable, CaseIterable {
    case low
    case medium
    case high
    case urgent

    /// The value stored in `tasks.priority_rank`, which the priority ordering and its index use.
    var rank: Int64 {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        case .urgent: 3
        }
    }

    /// The accepted values, for validation messages and the OpenAPI document.
    static let names = Self.allCases.map(\.rawValue)
}
