import Foundation
import HTTPServer
import Platform

/// The body of `POST /api/v1/teams`.
struct NewTeam: Sendable {
    var name: String
    var description: String?
    /// Lower-case; the caller must be a member of this organization, which the route checks.
    var organizationID: String?

    /// Reads and validates the body; `name` is trimmed.
    ///
    /// - Throws: `400 VALIDATION_ERROR` listing every invalid field.
    static func read(from body: JSONObject) throws(HTTPError) -> NewTeam {
        var reader = FieldReader(body)
        let name = reader.string("name", required: true, maxLength: GroupLimits.maxNameLength, trim: true)
        let description = reader.nullableString("description", maxLength: GroupLimits.maxDescriptionLength)
        let organizationID = reader.uuid("organization_id")
        try reader.finish()
        guard let name else {
            throw HTTPError.invalidField("name", "This field is required")
        }
        return NewTeam(
            name: name,
            description: description.value,
            organizationID: organizationID?.uuidString.lowercased()
        )
    }
}

/// The body of `PATCH /api/v1/teams/{id}`; absent fields stay as they are.
struct TeamChanges: Sendable {
    var name: String?
    var description: Patch<String> = .absent
    /// A new organization (lower-case), or `.null` to take the team out of its organization.
    var organizationID: Patch<String> = .absent

    var isEmpty: Bool {
        if case .absent = self.description, case .absent = self.organizationID {
            return self.name == nil
        }
        return false
    }

    /// Reads and validates the body.
    ///
    /// - Throws: `400 VALIDATION_ERROR` listing every invalid field.
    static func read(from body: JSONObject) throws(HTTPError) -> TeamChanges {
        var reader = FieldReader(body)
        var changes = TeamChanges()
        if reader.contains("name") {
            changes.name = reader.string("name", required: true, maxLength: GroupLimits.maxNameLength, trim: true)
        }
        changes.description = reader.nullableString("description", maxLength: GroupLimits.maxDescriptionLength)
        if body["organization_id"] == .null {
            changes.organizationID = .null
        } else if let organizationID = reader.uuid("organization_id") {
            changes.organizationID = .value(organizationID.uuidString.lowercased())
        }
        try reader.finish()
        return changes
    }
}
