/// A role in a project, ordered by what it allows.
public enum ProjectRole: String, Sendable, Comparable, CaseIterable {
    /// Reads.
    case viewer
    /// Also creates and edits tasks, time, comments and files.
    case member
    /// Also manages milestones and members below manager, and approves timesheets.
    case manager
    /// Everything, including deleting the project.
    case owner

    private var rank: Int {
        switch self {
        case .viewer: 0
        case .member: 1
        case .manager: 2
        case .owner: 3
        }
    }

    public static func < (lhs: ProjectRole, rhs: ProjectRole) -> Bool { lhs.rank < rhs.rank }
}

/// The access questions other services send to the projects service. In one process it is a direct call, and
/// split it is an HTTP call. Callers may cache results for `CAIRN_MEMBERSHIP_CACHE_SECONDS`.
public protocol ProjectAccessClient: Sendable {
    /// The caller's effective role in `projectID`: a direct membership, else `member` through the project's team;
    /// nil when the user may not see the project or it does not exist.
    func role(of userID: String, in projectID: String) async throws -> ProjectRole?

    /// Effective roles of `userID` in each of `projectIDs`; projects the user may not see are left out.
    func roles(of userID: String, in projectIDs: [String]) async throws -> [String: ProjectRole]

    /// True when `userID` counts as a member of the project (any role), for assignment checks.
    func isMember(userID: String, of projectID: String) async throws -> Bool

    /// Returns the project that milestone `milestoneID` belongs to, or nil when no such milestone exists.
    /// Callers still check that the caller may see that project.
    func projectID(ofMilestone milestoneID: String) async throws -> String?
}
