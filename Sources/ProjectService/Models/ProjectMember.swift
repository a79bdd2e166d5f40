import Database
import Foundation
import HTTPServer
import Platform

/// A user who counts as a member of a project: a row of `project_members`, or a member of the project's team
/// without such a row, who counts as `member`.
struct ProjectMember: Sendable {
    var projectID: String
    var userID: String
    var role: ProjectRole
    var source: MembershipSource
    /// When the direct membership was made; nil for team members, whose team membership this service does not see.
    var joinedAt: Date?
    var updatedAt: Date?
    /// The user who made the direct membership; nil for team members.
    var addedBy: String?

    static let columns = "project_id, user_id, role, added_by, joined_at, updated_at"

    /// Creates a team member without a direct membership.
    init(teamMember userID: String, projectID: String) {
        self.projectID = projectID
        self.userID = userID
        self.role = .member
        self.source = .team
    }

    /// Creates a direct membership.
    init(projectID: String, userID: String, role: ProjectRole, addedBy: String?, joinedAt: Date, updatedAt: Date) {
        self.projectID = projectID
        self.userID = userID
        self.role = role
        self.source = .direct
        self.addedBy = addedBy
        self.joinedAt = joinedAt
        self.updatedAt = updatedAt
    }

    /// Decodes a row of `project_members`.
    init(row: Row) throws {
        self.projectID = try row.decodeID("project_id")
        self.userID = try row.decodeID("user_id")
        self.role = try row.decodeChoice("role", as: ProjectRole.self)
        self.source = .direct
        self.addedBy = try row.decodeOptionalID("added_by")
        self.joinedAt = try row.decode("joined_at")
        self.updatedAt = try row.decode("updated_at")
    }

    /// Returns the member as the API shows it; `user` is null when the users service returned no summary.
    func json(summary: UserSummary?) -> JSONValue {
        [
            "project_id": .string(self.projectID),
            "user_id": .string(self.userID),
            "role": .string(self.role.rawValue),
            "via": .string(self.source.rawValue),
            "joined_at": .string(self.joinedAt.map(Timestamp.format)),
            "updated_at": .string(self.updatedAt.map(Timestamp.format)),
            "added_by": .string(self.addedBy),
            "user": summary.map(Self.summaryJSON) ?? .null,
        ]
    }

    private static func summaryJSON(_ summary: UserSummary) -> JSONValue {
        [
            "id": .string(summary.id),
            "username": .string(summary.username),
            "first_name": .string(summary.firstName),
            "last_name": .string(summary.lastName),
            "avatar_url": .string(summary.avatarURL),
        ]
    }
}
