import Foundation
import HTTPServer
import Platform

/// A user's profile: the names copied from the auth service's user events plus the settings the user edits.
struct Profile: Sendable {
    static let defaultTimezone = "UTC"
    static let defaultLanguage = "en"

    var userID: String
    var username: String
    var firstName: String?
    var lastName: String?
    var avatarURL: String?
    var bio: String?
    /// An IANA time zone name, `UTC` until the user sets one.
    var timezone: String
    /// A BCP 47 language tag, `en` until the user sets one.
    var language: String
    var notificationPreferences: JSONObject
    /// False once the auth service has deactivated the user.
    var isActive: Bool
    var createdAt: Date
    var updatedAt: Date

    /// The profile as the API returns it.
    var json: JSONValue {
        [
            "user_id": .string(self.userID),
            "username": .string(self.username),
            "first_name": .string(self.firstName),
            "last_name": .string(self.lastName),
            "avatar_url": .string(self.avatarURL),
            "bio": .string(self.bio),
            "timezone": .string(self.timezone),
            "language": .string(self.language),
            "notification_preferences": .object(self.notificationPreferences),
            "created_at": .string(Timestamp.format(self.createdAt)),
            "updated_at": .string(Timestamp.format(self.updatedAt)),
        ]
    }

    /// Returns the username, first name and last name, lower-cased and joined by spaces, for directory search.
    ///
    /// Lower-casing here rather than in SQL keeps search case-insensitive beyond ASCII, which SQLite's `lower()`
    /// is not, and makes both dialects match the same rows.
    static func searchText(username: String, firstName: String?, lastName: String?) -> String {
        [username, firstName ?? "", lastName ?? ""].joined(separator: " ").lowercased()
    }
}
