import HTTPServer
import Platform

/// A caller's standing in one project they may see.
struct ProjectAccess: Sendable {
    let project: ProjectRecord
    /// The effective role; nil for an admin who is not a member, who may read but not change anything.
    let role: ProjectRole?

    /// Throws `403 AUTHORIZATION_FAILED` unless the caller's role is `minimum` or higher.
    ///
    /// - Parameter action: what the caller tries, completing "Only … may", such as "add members".
    func require(_ minimum: ProjectRole, to action: String) throws(HTTPError) {
        guard let role = self.role, role >= minimum else {
            throw HTTPError.forbidden("Only \(Self.rolesFrom(minimum)) of this project may \(action)")
        }
    }

    /// "managers and owners" for `.manager`, and so on.
    static func rolesFrom(_ minimum: ProjectRole) -> String {
        let names = ProjectRole.allCases.filter { $0 >= minimum }.map { $0.rawValue + "s" }
        guard names.count > 1, let last = names.last else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + last
    }
}
