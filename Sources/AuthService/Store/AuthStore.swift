import Database
import Foundation
import Platform

/// The only code that reads and writes the auth database. Every function runs on a connection the caller got
/// from `read` or `transaction`.
enum AuthStore {
    /// The user with `id` and their roles in force, in one query.
    static func user(id: String, on connection: any DatabaseConnection, now: Date = Date()) throws -> UserRecord? {
        try self.user(where: "id = $1", .text(id), on: connection, now: now)
    }

    static func user(emailKey: String, on connection: any DatabaseConnection, now: Date = Date()) throws -> UserRecord?
    {
        try self.user(where: "email_key = $1", .text(emailKey), on: connection, now: now)
    }

    /// Reads one user and aggregates their roles in a subquery, because `GET /auth/me` runs this on every call.
    /// Role names never contain a comma (see `AuthService.isValidRole`), so a comma separates them.
    private static func user(
        where condition: String,
        _ value: SQLValue,
        on connection: any DatabaseConnection,
        now: Date
    ) throws -> UserRecord? {
        let roles =
            switch connection.dialect {
            case .postgres:
                "(SELECT string_agg(role, ',' ORDER BY role) FROM user_roles WHERE user_id = users.id AND (expires_at IS NULL OR expires_at > $2))"
            case .sqlite:
                "(SELECT group_concat(role, ',') FROM user_roles WHERE user_id = users.id AND (expires_at IS NULL OR expires_at > $2))"
            }
        guard
            let row = try connection.queryFirst(
                "SELECT \(UserRecord.columns), \(roles) AS role_list FROM users WHERE \(condition)",
                [value, .date(now)]
            )
        else { return nil }
        var user = try UserRecord(row: row)
        let list = try row.decode("role_list", as: String?.self) ?? ""
        user.roles = list.split(separator: ",").map(String.init).sorted()
        return user
    }

    /// Roles in force: those without an expiry or expiring after `now`, sorted.
    static func roles(of userID: String, on connection: any DatabaseConnection, now: Date) throws -> [String] {
        try connection.query(
            "SELECT role FROM user_roles WHERE user_id = $1 AND (expires_at IS NULL OR expires_at > $2) ORDER BY role",
            [.text(userID), .date(now)]
        ).map { try $0.decode("role", as: String.self) }
    }

    /// Inserts a user; a taken email or username surfaces as a unique violation on `email_key` or `username_key`.
    static func insertUser(
        id: String,
        email: String,
        username: String,
        passwordHash: String,
        firstName: String,
        lastName: String,
        isActive: Bool = true,
        createdAt: Date,
        on connection: any DatabaseConnection
    ) throws {
        try connection.execute(
            """
            INSERT INTO users (id, email, email_key, username, username_key, password_hash, first_name, last_name,
                               is_active, email_verified, tokens_valid_after, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $11, $11)
            """,
            [
                .text(id), .text(email), .text(Identity.emailKey(email)), .text(username),
                .text(Identity.usernameKey(username)), .text(passwordHash), .text(firstName), .text(lastName),
                .bool(isActive), .bool(false), .date(createdAt),
            ]
        )
    }

    static func emailKeyExists(_ key: String, on connection: any DatabaseConnection) throws -> Bool {
        try connection.queryFirst("SELECT 1 AS present FROM users WHERE email_key = $1", [.text(key)]) != nil
    }

    static func usernameKeyExists(_ key: String, on connection: any DatabaseConnection) throws -> Bool {
        try connection.queryFirst("SELECT 1 AS present FROM users WHERE username_key = $1", [.text(key)]) != nil
    }

    static func setPasswordHash(_ hash: String, userID: String, now: Date, on connection: any DatabaseConnection) throws
    {
        try connection.execute(
            "UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3",
            [.text(hash), .date(now), .text(userID)]
        )
    }

    /// Rejects the user's access tokens issued before `now` and revokes every live refresh token.
    ///
    /// - Returns: the instant, in milliseconds since 1970, before which access tokens are rejected.
    @discardableResult
    static func revokeAllTokens(userID: String, now: Date, on connection: any DatabaseConnection) throws -> Int64 {
        let milliseconds = Int64(now.timeIntervalSince1970 * 1000)
        try connection.execute(
            "UPDATE users SET tokens_valid_after = $1 WHERE id = $2 AND tokens_valid_after < $1",
            [.integer(milliseconds), .text(userID)]
        )
        try connection.execute(
            "UPDATE refresh_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
            [.date(now), .text(userID)]
        )
        return milliseconds
    }

    /// Users whose access-token cut-off is later than `milliseconds`, to rebuild revocations at start-up.
    static func revocations(
        since milliseconds: Int64,
        on connection: any DatabaseConnection
    ) throws -> [(String, Int64)] {
        try connection.query(
            "SELECT id, tokens_valid_after FROM users WHERE tokens_valid_after > $1",
            [.integer(milliseconds)]
        ).map {
            (
                try $0.decode("id", as: UUID.self).uuidString.lowercased(),
                try $0.decode("tokens_valid_after", as: Int64.self)
            )
        }
    }
}
