import Foundation
import HTTPServer
import Platform

/// A role in an organization or a team.
///
/// `owner` may do everything, including delete the group and grant or remove `owner`. `admin` edits the group
/// and manages members below owner. `member` can read the group and its member list.
enum MemberRole: String, Sendable, CaseIterable {
    case owner
    case admin
    case member

    /// The role names for validation messages and the OpenAPI document.
    static let names = MemberRole.allCases.map(\.rawValue)
}

/// One user's membership of an organization or a team, with the user's summary from the directory.
struct Member: Sendable {
    var groupID: String
    var userID: String
    var role: MemberRole
    var joinedAt: Date
    /// The member's names and avatar; nil while the directory has no profile for the user.
    var summary: UserSummary?

    /// The membership as the API returns it, naming the group under `organization_id` or `team_id`.
    func json(kind: GroupKind) -> JSONValue {
        var object = JSONObject()
        object[kind.groupColumn] = .string(self.groupID)
        object["user_id"] = .string(self.userID)
        object["username"] = .string(self.summary?.username)
        object["first_name"] = .string(self.summary?.firstName)
        object["last_name"] = .string(self.summary?.lastName)
        object["avatar_url"] = .string(self.summary?.avatarURL)
        object["role"] = .string(self.role.rawValue)
        object["joined_at"] = .string(Timestamp.format(self.joinedAt))
        return .object(object)
    }
}
