import Database
import Foundation
import Platform

/// Refresh tokens, one-time tokens and login failures.
extension AuthStore {
    static func insertRefreshToken(
        id: String,
        userID: String,
        familyID: String,
        issuedAt: Date,
        expiresAt: Date,
        on connection: any DatabaseConnection
    ) throws {
        try connection.execute(
            "INSERT INTO refresh_tokens (id, user_id, family_id, issued_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
            [.text(id), .text(userID), .text(familyID), .date(issuedAt), .date(expiresAt)]
        )
    }

    /// The stored refresh token `id`: its user, family and whether it is revoked.
    static func refreshToken(
        id: String,
        on connection: any DatabaseConnection
    ) throws
        -> (userID: String, familyID: String, isRevoked: Bool)?
    {
        guard
            let row = try connection.queryFirst(
                "SELECT user_id, family_id, revoked_at FROM refresh_tokens WHERE id = $1",
                [.text(id)]
            )
        else { return nil }
        return (
            try row.decode("user_id", as: UUID.self).uuidString.lowercased(),
            try row.decode("family_id", as: UUID.self).uuidString.lowercased(),
            try row.decode("revoked_at", as: Date?.self) != nil
        )
    }

    /// Revokes `id` if it is still live; returns false when another request revoked it first.
    static func revokeRefreshToken(id: String, now: Date, on connection: any DatabaseConnection) throws -> Bool {
        try connection.execute(
            "UPDATE refresh_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
            [.date(now), .text(id)]
        ) == 1
    }

    static func revokeFamily(_ familyID: String, now: Date, on connection: any DatabaseConnection) throws {
        try connection.execute(
            "UPDATE refresh_tokens SET revoked_at = $1 WHERE family_id = $2 AND revoked_at IS NULL",
            [.date(now), .text(familyID)]
        )
    }

    /// Stores the SHA-256 of a verification or reset token; the token itself is never stored.
    static func insertOneTimeToken(
        hash: String,
        userID: String,
        purpose: String,
        expiresAt: Date,
        now: Date,
        on connection: any DatabaseConnection
    ) throws {
        try connection.execute(
            """
            INSERT INTO one_time_tokens (token_hash, user_id, purpose, expires_at, created_at)
            VALUES ($1, $2, $3, $4, $5)
            """,
            [.text(hash), .text(userID), .text(purpose), .date(expiresAt), .date(now)]
        )
    }

    /// Marks the token with `hash` used and returns its user, or nil when it is unknown, used, expired or for
    /// another purpose. The conditional update makes a second use fail even when two arrive at once.
    static func consumeOneTimeToken(
        hash: String,
        purpose: String,
        now: Date,
        on connection: any DatabaseConnection
    )
        throws -> String?
    {
        guard
            let row = try connection.queryFirst(
                "SELECT user_id FROM one_time_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
                [.text(hash), .text(purpose), .date(now)]
            )
        else { return nil }
        let used = try connection.execute(
            "UPDATE one_time_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL",
            [.date(now), .text(hash)]
        )
        guard used == 1 else { return nil }
        return try row.decode("user_id", as: UUID.self).uuidString.lowercased()
    }

    /// Counts a login attempt for `emailKey` before its password is checked, and returns when the lock ends if
    /// the address is locked.
    ///
    /// Counting first makes the limit hold under concurrency: of many simultaneous attempts only `threshold`
    /// get a password check, because each takes its number in this transaction (a row lock on PostgreSQL, the
    /// single writer on SQLite). The attempt after the threshold starts the lock; a lock that has ended starts
    /// a fresh count.
    static func reserveLoginAttempt(
        emailKey: String,
        threshold: Int,
        lockSeconds: Double,
        now: Date,
        on connection: any DatabaseConnection
    ) throws -> Date? {
        // The row must exist before it can be locked, or two first attempts would both count from zero.
        try connection.execute(
            """
            INSERT INTO login_failures (email_key, failures, locked_until, updated_at) VALUES ($1, 0, NULL, $2)
            ON CONFLICT (email_key) DO NOTHING
            """,
            [.text(emailKey), .date(now)]
        )
        let lock = connection.dialect == .postgres ? " FOR UPDATE" : ""
        let row = try connection.queryFirst(
            "SELECT failures, locked_until FROM login_failures WHERE email_key = $1\(lock)",
            [.text(emailKey)]
        )
        var failures = try row?.decode("failures", as: Int.self) ?? 0
        if let until = try row?.decode("locked_until", as: Date?.self) {
            if until > now { return until }
            failures = 0
        }
        failures += 1

        var lockedUntil: Date?
        if failures > threshold {
            lockedUntil = now.addingTimeInterval(lockSeconds)
            failures = threshold
        }
        try connection.execute(
            """
            INSERT INTO login_failures (email_key, failures, locked_until, updated_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (email_key) DO UPDATE SET failures = $2, locked_until = $3, updated_at = $4
            """,
            [.text(emailKey), .integer(Int64(failures)), lockedUntil.map { .date($0) } ?? .null, .date(now)]
        )
        return lockedUntil
    }

    /// Locks `emailKey` once a failed attempt leaves the count at `threshold`, so the next attempt gets `423`
    /// even when it arrives after the lock's start.
    static func lockAfterFailure(
        emailKey: String,
        threshold: Int,
        lockSeconds: Double,
        now: Date,
        on connection: any DatabaseConnection
    ) throws {
        try connection.execute(
            """
            UPDATE login_failures SET locked_until = $1, updated_at = $2
            WHERE email_key = $3 AND failures >= $4 AND locked_until IS NULL
            """,
            [.date(now.addingTimeInterval(lockSeconds)), .date(now), .text(emailKey), .integer(Int64(threshold))]
        )
    }

    static func clearLoginFailures(emailKey: String, on connection: any DatabaseConnection) throws {
        try connection.execute("DELETE FROM login_failures WHERE email_key = $1", [.text(emailKey)])
    }
}
