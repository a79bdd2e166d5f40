/// A user as other services show them: never the email.
public struct UserSummary: Sendable, Equatable {
    public var id: String
    public var username: String
    public var firstName: String
    public var lastName: String
    public var avatarURL: String?

    public init(id: String, username: String, firstName: String, lastName: String, avatarURL: String?) {
        self.id = id
        self.username = username
        self.firstName = firstName
        self.lastName = lastName
        self.avatarURL = avatarURL
    }
}

/// The queries other services send to the users service. In one process it is a direct call, and split it is
/// an HTTP call on `/internal/v1/users/…`.
public protocol UserDirectoryClient: Sendable {
    /// Summaries of the users in `ids` that exist; unknown ids are left out. One call however many ids.
    func summaries(ids: [String]) async throws -> [String: UserSummary]

    /// Returns the ids of the members of `teamID`, empty when the team does not exist.
    func teamMemberIDs(teamID: String) async throws -> [String]

    /// True when `userID` is a member of the team.
    func isTeamMember(userID: String, teamID: String) async throws -> Bool

    /// True when `userID` belongs to `organizationID`.
    func isOrganizationMember(userID: String, organizationID: String) async throws -> Bool

    /// Returns the teams `userID` belongs to.
    func teamIDs(of userID: String) async throws -> [String]
}
