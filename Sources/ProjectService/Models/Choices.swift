/// A project's lifecycle state.
enum ProjectStatus: String, Sendable, CaseIterable {
    case active
    case onHold = "on_hold"
    case completed
    case archived
}

/// A milestone's state; `completed_at` is set when it becomes `completed` and cleared when it reopens.
enum MilestoneStatus: String, Sendable, CaseIterable {
    case open
    case completed
}

/// A task priority as the tasks service ranks them, lowest first.
enum TaskPriority: String, Sendable, CaseIterable {
    case low
    case medium
    case high
    case urgent
}

/// The source of a user's project membership: a direct membership row, or membership of the project's team.
enum MembershipSource: String, Sendable, CaseIterable {
    case direct
    case team
}

extension CaseIterable where Self: RawRepresentable, Self.RawValue == String {
    /// The raw values in declaration order, for messages and OpenAPI enumerations.
    static var rawValues: [String] { self.allCases.map(\.rawValue) }
}
