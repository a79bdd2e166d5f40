import Foundation
import HTTPServer
import Platform

/// A payload field of a user event that is missing or has the wrong type.
struct InvalidPayloadError: Error {
    let field: String
}

/// Typed reads of a user event's `data`.
struct UserEventPayload {
    let data: JSONObject

    /// Returns the UUID in `field`, lower-cased.
    func userID(_ field: String = "user_id") throws(InvalidPayloadError) -> String {
        guard case .string(let text)? = self.data[field], let id = UUID(uuidString: text) else {
            throw InvalidPayloadError(field: field)
        }
        return id.uuidString.lowercased()
    }

    /// Returns the non-empty string in `field`, or nil when the field is absent.
    func username(_ field: String = "username") throws(InvalidPayloadError) -> String? {
        guard let value = self.data[field] else { return nil }
        guard case .string(let text) = value, !text.isEmpty else { throw InvalidPayloadError(field: field) }
        return text
    }

    /// Returns the string in `field`, `.absent` when the field is missing, or `.null` for JSON null.
    func optionalString(_ field: String) throws(InvalidPayloadError) -> Patch<String> {
        switch self.data[field] {
        case nil: return .absent
        case .null?: return .null
        case .string(let text)?: return .value(text)
        default: throw InvalidPayloadError(field: field)
        }
    }
}

/// The payload of `user.registered`: `user_id`, `email`, `username`, `first_name`, `last_name`.
///
/// The email stays with the auth service; the directory never shows it, so this service does not store it.
struct UserRegistration: Sendable {
    var userID: String
    var username: String
    var firstName: String?
    var lastName: String?

    init(_ payload: UserEventPayload) throws(InvalidPayloadError) {
        self.userID = try payload.userID()
        guard let username = try payload.username() else { throw InvalidPayloadError(field: "username") }
        self.username = username
        self.firstName = try payload.optionalString("first_name").value
        self.lastName = try payload.optionalString("last_name").value
    }
}

/// The payload of `user.updated`: `user_id` and any of `username`, `first_name`, `last_name`.
struct UserNameChange: Sendable {
    var userID: String
    var username: String?
    var firstName: Patch<String>
    var lastName: Patch<String>

    init(_ payload: UserEventPayload) throws(InvalidPayloadError) {
        self.userID = try payload.userID()
        self.username = try payload.username()
        self.firstName = try payload.optionalString("first_name")
        self.lastName = try payload.optionalString("last_name")
    }
}
