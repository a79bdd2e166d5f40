import Database
import Foundation
import Platform

/// SQL for the `profiles` table: one row per registered user, written by the user events and profile updates.
enum ProfileStore {
    static let columns = """
        p.user_id, p.username, p.first_name, p.last_name, p.avatar_url, p.bio, p.timezone, p.language,
        p.notification_preferences, p.is_active, p.created_at, p.updated_at
        """

    /// Loads the profile of `userID`, active or not.
    static func find(userID: String, on connection: any DatabaseConnection) throws -> Profile? {
        let row = try connection.queryFirst(
            "SELECT \(self.columns) FROM profiles p WHERE p.user_id = $1",
            [.text(userID)]
        )
        return try row.map(self.profile(from:))
    }

    /// Loads the summary of `userID` when the directory lists them as active; nil for unknown and deactivated users.
    static func activeSummary(userID: String, on connection: any DatabaseConnection) throws -> UserSummary? {
        let row = try connection.queryFirst(
            """
            SELECT p.user_id, p.username, p.first_name, p.last_name, p.avatar_url
            FROM profiles p WHERE p.user_id = $1 AND p.is_active
            """,
            [.text(userID)]
        )
        return try row.map(self.summary(from:))
    }

    /// Inserts the profile of a newly registered user with default settings.
    ///
    /// - Returns: false when the user already has a profile, which stays unchanged.
    static func insertRegistered(
        userID: String,
        username: String,
        firstName: String?,
        lastName: String?,
        at date: Date,
        on connection: any DatabaseConnection
    ) throws -> Bool {
        let inserted = try connection.execute(
            """
            INSERT INTO profiles (
                user_id, username, first_name, last_name, search_text, timezone, language,
                notification_preferences, is_active, created_at, updated_at
            ) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
            ON CONFLICT (user_id) DO NOTHING
            """,
            [
                .text(userID), .text(username), .optionalText(firstName), .optionalText(lastName),
                .text(Profile.searchText(username: username, firstName: firstName, lastName: lastName)),
                .text(Profile.defaultTimezone), .text(Profile.defaultLanguage), "{}", .bool(true), .date(date),
            ]
        )
        return inserted == 1
    }

    /// Replaces the names that the auth service changed; absent names stay as they are.
    ///
    /// - Returns: false when the user has no profile.
    static func updateNames(
        userID: String,
        username: String?,
        firstName: Patch<String>,
        lastName: Patch<String>,
        at date: Date,
        on connection: any DatabaseConnection
    ) throws -> Bool {
        guard var profile = try self.find(userID: userID, on: connection) else { return false }
        if let username {
            profile.username = username
        }
        switch firstName {
        case .absent: break
        case .null: profile.firstName = nil
        case .value(let name): profile.firstName = name
        }
        switch lastName {
        case .absent: break
        case .null: profile.lastName = nil
        case .value(let name): profile.lastName = name
        }

        try connection.execute(
            """
            UPDATE profiles SET username = $2, first_name = $3, last_name = $4, search_text = $5, updated_at = $6
            WHERE user_id = $1
            """,
            [
                .text(userID), .text(profile.username), .optionalText(profile.firstName),
                .optionalText(profile.lastName),
                .text(
                    Profile.searchText(
                        username: profile.username,
                        firstName: profile.firstName,
                        lastName: profile.lastName
                    )
                ),
                .date(date),
            ]
        )
        return true
    }

    /// Marks the user inactive, which hides them from the directory of everyone but site admins.
    ///
    /// - Returns: false when the user has no profile.
    static func deactivate(userID: String, at date: Date, on connection: any DatabaseConnection) throws -> Bool {
        let updated = try connection.execute(
            "UPDATE profiles SET is_active = $2, updated_at = $3 WHERE user_id = $1",
            [.text(userID), .bool(false), .date(date)]
        )
        return updated == 1
    }

    /// Applies a profile update and sets `updated_at`.
    ///
    /// - Returns: false when the user has no profile.
    static func apply(
        _ changes: ProfileChanges,
        userID: String,
        at date: Date,
        on connection: any DatabaseConnection
    ) throws -> Bool {
        var binds = SQLBinds()
        var assignments: [String] = []
        switch changes.avatarURL {
        case .absent: break
        case .null: assignments.append("avatar_url = \(binds.add(.null))")
        case .value(let url): assignments.append("avatar_url = \(binds.add(.text(url)))")
        }
        switch changes.bio {
        case .absent: break
        case .null: assignments.append("bio = \(binds.add(.null))")
        case .value(let bio): assignments.append("bio = \(binds.add(.text(bio)))")
        }
        if let timezone = changes.timezone {
            assignments.append("timezone = \(binds.add(.text(timezone)))")
        }
        if let language = changes.language {
            assignments.append("language = \(binds.add(.text(language)))")
        }
        if let preferences = changes.notificationPreferences {
            assignments.append("notification_preferences = \(binds.add(.text(StoredJSON.text(preferences))))")
        }
        assignments.append("updated_at = \(binds.add(.date(date)))")
        let user = binds.add(.text(userID))

        let updated = try connection.execute(
            "UPDATE profiles SET \(assignments.joined(separator: ", ")) WHERE user_id = \(user)",
            binds.values
        )
        return updated == 1
    }

    static func profile(from row: Row) throws -> Profile {
        Profile(
            userID: try row.decode("user_id", as: String.self),
            username: try row.decode("username", as: String.self),
            firstName: try row.decode("first_name", as: String?.self),
            lastName: try row.decode("last_name", as: String?.self),
            avatarURL: try row.decode("avatar_url", as: String?.self),
            bio: try row.decode("bio", as: String?.self),
            timezone: try row.decode("timezone", as: String.self),
            language: try row.decode("language", as: String.self),
            notificationPreferences: try StoredJSON.object(
                try row.decode("notification_preferences", as: String.self),
                column: "notification_preferences"
            ),
            isActive: try row.decode("is_active", as: Bool.self),
            createdAt: try row.decode("created_at", as: Date.self),
            updatedAt: try row.decode("updated_at", as: Date.self)
        )
    }

    /// Decodes a row that has `user_id`, `username`, `first_name`, `last_name` and `avatar_url`.
    static func summary(from row: Row) throws -> UserSummary {
        UserSummary(
            id: try row.decode("user_id", as: String.self),
            username: try row.decode("username", as: String.self),
            firstName: try row.decode("first_name", as: String?.self),
            lastName: try row.decode("last_name", as: String?.self),
            avatarURL: try row.decode("avatar_url", as: String?.self)
        )
    }
}

extension SQLValue {
    /// `.text(value)`, or `.null` when `value` is nil.
    static func optionalText(_ value: String?) -> SQLValue {
        value.map { .text($0) } ?? .null
    }
}
