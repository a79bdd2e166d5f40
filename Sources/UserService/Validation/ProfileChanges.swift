import HTTPServer
import Platform

/// The fields of a profile update; fields the body leaves out stay as they are.
///
/// `null` resets a field to its default: no avatar or bio, time zone `UTC`, language `en`, and empty
/// notification preferences. The names come from the auth service and are not editable here.
struct ProfileChanges: Sendable {
    static let maxAvatarURLLength = 2048
    static let maxBioLength = 2000
    static let maxLanguageLength = 35
    /// The largest serialized `notification_preferences` object, in bytes.
    static let maxPreferencesBytes = 16_384

    var avatarURL: Patch<String> = .absent
    var bio: Patch<String> = .absent
    var timezone: String?
    var language: String?
    var notificationPreferences: JSONObject?

    /// True when the body changes nothing.
    var isEmpty: Bool {
        if case .absent = self.avatarURL, case .absent = self.bio {
            return self.timezone == nil && self.language == nil && self.notificationPreferences == nil
        }
        return false
    }

    /// Reads and validates a `PUT` or `PATCH` body.
    ///
    /// - Throws: `400 VALIDATION_ERROR` listing every invalid field.
    static func read(from body: JSONObject) throws(HTTPError) -> ProfileChanges {
        var reader = FieldReader(body)
        var changes = ProfileChanges()

        changes.avatarURL = reader.nullableString("avatar_url", maxLength: self.maxAvatarURLLength)
        if case .value(let url) = changes.avatarURL, !FieldFormats.isWebURL(url) {
            reader.fail("avatar_url", "Must be an absolute http or https URL")
        }

        changes.bio = reader.nullableString("bio", maxLength: self.maxBioLength)

        if body["timezone"] == .null {
            changes.timezone = Profile.defaultTimezone
        } else if let timezone = reader.string("timezone", maxLength: 64) {
            if FieldFormats.isTimeZone(timezone) {
                changes.timezone = timezone
            } else {
                reader.fail("timezone", "Must be an IANA time zone name such as Europe/Lisbon or UTC")
            }
        }

        if body["language"] == .null {
            changes.language = Profile.defaultLanguage
        } else if let language = reader.string("language", maxLength: self.maxLanguageLength) {
            if FieldFormats.isLanguageTag(language) {
                changes.language = language
            } else {
                reader.fail("language", "Must be a BCP 47 language tag such as en or pt-BR")
            }
        }

        if body["notification_preferences"] == .null {
            changes.notificationPreferences = JSONObject()
        } else if let preferences = reader.object("notification_preferences") {
            if StoredJSON.byteCount(preferences) > self.maxPreferencesBytes {
                reader.fail("notification_preferences", "Must be at most \(self.maxPreferencesBytes) bytes as JSON")
            } else {
                changes.notificationPreferences = preferences
            }
        }

        try reader.finish()
        return changes
    }
}
