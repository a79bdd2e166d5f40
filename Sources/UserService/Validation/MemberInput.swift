import Foundation
import HTTPServer
import Platform

/// The body of `POST …/members`.
struct NewMember: Sendable {
    /// Lower-case.
    var userID: String
    /// `member` when the body leaves it out.
    var role: MemberRole

    /// Reads and validates the body.
    ///
    /// - Throws: `400 VALIDATION_ERROR` listing every invalid field.
    static func read(from body: JSONObject) throws(HTTPError) -> NewMember {
        var reader = FieldReader(body)
        let userID = reader.uuid("user_id", required: true)
        let role = MemberFields.readRole(&reader, required: false)
        try reader.finish()
        guard let userID else {
            throw HTTPError.invalidField("user_id", "This field is required")
        }
        return NewMember(userID: userID.uuidString.lowercased(), role: role ?? .member)
    }
}

/// The body of `PATCH …/members/{user_id}`.
struct MemberChange: Sendable {
    var role: MemberRole

    /// Reads and validates the body.
    ///
    /// - Throws: `400 VALIDATION_ERROR` when `role` is missing or not a role name.
    static func read(from body: JSONObject) throws(HTTPError) -> MemberChange {
        var reader = FieldReader(body)
        let role = MemberFields.readRole(&reader, required: true)
        try reader.finish()
        guard let role else {
            throw HTTPError.invalidField("role", "This field is required")
        }
        return MemberChange(role: role)
    }
}

/// Field readers shared by the member bodies.
enum MemberFields {
    /// Reads `role`; records an error unless it is `owner`, `admin` or `member`.
    static func readRole(_ reader: inout FieldReader, required: Bool) -> MemberRole? {
        guard let text = reader.string("role", required: required, maxLength: 32) else { return nil }
        guard let role = MemberRole(rawValue: text) else {
            reader.fail("role", "Must be one of: \(MemberRole.names.joined(separator: ", "))")
            return nil
        }
        return role
    }
}
