import Database
import Foundation
import HTTPServer
import Platform

extension AuthService {
    /// `POST /api/v1/auth/password/forgot`: always `202`; an active account gets a reset mail.
    ///
    /// The mail goes out on a detached task so the answer takes the same time whether or not the address exists.
    func forgotPassword(_ request: Request) async throws -> Response {
        var fields = FieldReader(try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes))
        let email = fields.string("email", required: true, maxLength: 254, trim: true)
        try fields.finish()
        guard let email else { throw HTTPError.validation([:]) }
        let emailKey = Identity.emailKey(email)
        let now = Date()
        try await self.checkAccountLimit(emailKey: emailKey, now: now)

        let token = SecureRandom.token()
        let user = try await self.context.write { connection -> UserRecord? in
            guard let user = try AuthStore.user(emailKey: emailKey, on: connection, now: now), user.isActive else {
                return nil
            }
            try AuthStore.insertOneTimeToken(
                hash: Digest.sha256Hex(token),
                userID: user.id,
                purpose: OneTimePurpose.passwordReset,
                expiresAt: now.addingTimeInterval(Self.resetTokenSeconds),
                now: now,
                on: connection
            )
            return user
        }
        if let user {
            let mail = Mail(
                to: user.email,
                subject: "Reset your password",
                body: """
                    Hello \(user.username),

                    Someone asked to reset the password of your Cairn account. To choose a new one, open:
                    \(self.context.settings.effectivePublicURL)/reset-password?token=\(token)

                    or send this token with your new password to POST /api/v1/auth/password/reset:
                    Token: \(token)

                    The token expires in one hour and works once. If you did not ask for this, ignore this message.
                    """
            )
            let logger = Logger.current
            Task.detached {
                await Logger.$current.withValue(logger) {
                    await self.deliver(mail, purpose: "password_reset")
                }
            }
        }
        return .message("If an account has this email, a reset link is on its way", status: .accepted)
    }

    /// `POST /api/v1/auth/password/reset`: sets a new password with a mailed token and revokes every session.
    /// It never re-activates a deactivated account.
    func resetPassword(_ request: Request) async throws -> Response {
        var fields = FieldReader(try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes))
        let token = fields.string("token", required: true, maxLength: 512)
        let password = fields.string("password", required: true, maxLength: 1024)
        if let password, let problem = Identity.passwordProblem(password) { fields.fail("password", problem) }
        try fields.finish()
        guard let token, let password else { throw HTTPError.validation([:]) }

        let hash = try await self.hashPassword(password)
        let now = Date()
        let outcome = try await self.context.write { connection -> (String, Int64)? in
            guard
                let userID = try AuthStore.consumeOneTimeToken(
                    hash: Digest.sha256Hex(token),
                    purpose: OneTimePurpose.passwordReset,
                    now: now,
                    on: connection
                ),
                let user = try AuthStore.user(id: userID, on: connection, now: now)
            else { return nil }
            try AuthStore.setPasswordHash(hash, userID: userID, now: now, on: connection)
            try AuthStore.clearLoginFailures(emailKey: Identity.emailKey(user.email), on: connection)
            let milliseconds = try AuthStore.revokeAllTokens(userID: userID, now: now, on: connection)
            try Outbox.append(
                Self.revocationEvent(
                    userID: userID,
                    actorID: userID,
                    milliseconds: milliseconds,
                    reason: "password_reset"
                ),
                on: connection
            )
            return (userID, milliseconds)
        }
        guard let (userID, milliseconds) = outcome else {
            throw HTTPError.invalidField("token", "Invalid or expired token")
        }
        self.announceRevocation(userID: userID, milliseconds: milliseconds)
        return .message("Password has been reset; log in with the new password")
    }

    /// `POST /api/v1/auth/password/change`: checks the current password, revokes every session, and returns a
    /// fresh token pair so the caller stays logged in.
    func changePassword(_ request: Request) async throws -> Response {
        let caller = try request.requireUser()
        var fields = FieldReader(try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes))
        let current = fields.string("current_password", required: true, maxLength: 1024)
        let new = fields.string("new_password", required: true, maxLength: 1024)
        if let new, let problem = Identity.passwordProblem(new) { fields.fail("new_password", problem) }
        try fields.finish()
        guard let current, let new else { throw HTTPError.validation([:]) }

        let stored = try await self.context.database.read { connection in
            try AuthStore.user(id: caller.id, on: connection)
        }
        guard let user = stored, user.isActive else { throw AuthErrors.invalidToken }
        guard try await self.verifyPassword(current, against: user.passwordHash) != .invalid else {
            throw HTTPError.invalidField("current_password", "The current password is incorrect")
        }

        let hash = try await self.hashPassword(new)
        let now = Date()
        let (tokens, milliseconds) = try await self.context.write { connection in
            try AuthStore.setPasswordHash(hash, userID: user.id, now: now, on: connection)
            let milliseconds = try AuthStore.revokeAllTokens(userID: user.id, now: now, on: connection)
            try Outbox.append(
                Self.revocationEvent(
                    userID: user.id,
                    actorID: user.id,
                    milliseconds: milliseconds,
                    reason: "password_change"
                ),
                on: connection
            )
            // Issued one millisecond after the cut-off so the new access token survives it.
            let issued = Date(timeIntervalSince1970: Double(milliseconds + 1) / 1000)
            return (try self.issueTokens(for: user, familyID: nil, now: issued, on: connection), milliseconds)
        }
        self.announceRevocation(userID: user.id, milliseconds: milliseconds)
        return .success(.object(tokens.json), message: "Password changed; other sessions were logged out")
    }
}
