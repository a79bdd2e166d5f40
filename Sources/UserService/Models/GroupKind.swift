import HTTPServer

/// Organizations or teams: the two kinds of group whose memberships follow the same rules and the same SQL.
///
/// Table and column names here are constants that go into SQL text; no request value ever does.
struct GroupKind: Sendable {
    /// `organization` or `team`, used in messages and as the prefix of event types.
    let noun: String
    let table: String
    let memberTable: String
    /// The column of `memberTable` that contains the group id, also the group's field name in member responses.
    let groupColumn: String
    /// The `404` code for a group that does not exist or that the caller may not see.
    let notFoundCode: String
    /// The collection path, such as `/api/v1/organizations`.
    let path: String
    /// The OpenAPI tag of the group's operations.
    let tag: String

    static let organization = GroupKind(
        noun: "organization",
        table: "organizations",
        memberTable: "organization_members",
        groupColumn: "organization_id",
        notFoundCode: "ORGANIZATION_NOT_FOUND",
        path: "/api/v1/organizations",
        tag: "organizations"
    )

    static let team = GroupKind(
        noun: "team",
        table: "teams",
        memberTable: "team_members",
        groupColumn: "team_id",
        notFoundCode: "TEAM_NOT_FOUND",
        path: "/api/v1/teams",
        tag: "teams"
    )

    /// The `404` for a group that does not exist or that the caller may not see; both read the same.
    var notFound: HTTPError {
        .notFound(self.notFoundCode, "\(self.capitalizedNoun) not found")
    }

    /// The `404` for a user who is not a member of the group.
    var memberNotFound: HTTPError {
        .notFound("MEMBER_NOT_FOUND", "This user is not a member of the \(self.noun)")
    }

    var capitalizedNoun: String {
        self.noun.prefix(1).uppercased() + self.noun.dropFirst()
    }
}
