import Database
import Foundation
import HTTPServer
import Platform

extension AuthService {
    static let invalidCredentials = HTTPError(
        .unauthorized,
        code: "INVALID_CREDENTIALS",
        message: "Invalid email or password"
    )

    /// `POST /api/v1/auth/login`.
    ///
    /// An unknown email, a wrong password and a deactivated account give the same `401` after the same work, and
    /// failures are counted per email address whether or not an account has it, so neither the response nor the
    /// lockout tells which addresses exist.
    func login(_ request: Request) async throws -> Response {
        var fields = FieldReader(try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes))
        let email = fields.string("email", required: true, maxLength: 254, trim: true)
        let password = fields.string("password", required: true, maxLength: 1024)
        try fields.finish()
        guard let email, let password else { throw HTTPError.validation([:]) }
        let emailKey = Identity.emailKey(email)
        let now = Date()

        try await self.checkAccountLimit(emailKey: emailKey, now: now)
        let threshold = self.context.settings.lockoutThreshold
        let lockSeconds = Double(self.context.settings.lockoutMinutes * 60)
        let lockedUntil = try await self.context.database.transaction { connection in
            try AuthStore.reserveLoginAttempt(
                emailKey: emailKey,
                threshold: threshold,
                lockSeconds: lockSeconds,
                now: now,
                on: connection
            )
        }
        if let lockedUntil {
            let seconds = max(1, Int(lockedUntil.timeIntervalSince(now).rounded(.up)))
            throw HTTPError(
                .locked,
                code: "ACCOUNT_LOCKED",
                message: "Too many failed logins; try again later",
                headers: HTTPHeaders([("retry-after", String(seconds))])
            )
        }

        let user = try await self.context.database.read { connection in
            try AuthStore.user(emailKey: emailKey, on: connection, now: now)
        }
        guard let user else {
            try await self.verifyAgainstDummy(password)
            try await self.recordFailure(emailKey: emailKey, now: now)
            throw Self.invalidCredentials
        }
        let verification = try await self.verifyPassword(password, against: user.passwordHash)
        guard verification != .invalid, user.isActive else {
            try await self.recordFailure(emailKey: emailKey, now: now)
            throw Self.invalidCredentials
        }

        let newHash = verification == .validNeedsRehash ? try await self.hashPassword(password) : nil
        let tokens = try await self.context.write { connection in
            try AuthStore.clearLoginFailures(emailKey: emailKey, on: connection)
            if let newHash {
                try AuthStore.setPasswordHash(newHash, userID: user.id, now: now, on: connection)
            }
            try connection.execute(
                "UPDATE users SET last_login_at = $1 WHERE id = $2",
                [.date(now), .text(user.id)]
            )
            return try self.issueTokens(for: user, familyID: nil, now: now, on: connection)
        }
        var data = tokens.json
        data["user"] = user.loginJSON
        return .success(.object(data))
    }

    /// Starts the lock when a failed attempt reaches the threshold; the attempt itself was counted before the
    /// password check.
    private func recordFailure(emailKey: String, now: Date) async throws {
        let threshold = self.context.settings.lockoutThreshold
        let seconds = Double(self.context.settings.lockoutMinutes * 60)
        _ = try await self.context.database.transaction { connection in
            try AuthStore.lockAfterFailure(
                emailKey: emailKey,
                threshold: threshold,
                lockSeconds: seconds,
                now: now,
                on: connection
            )
        }
    }

    /// Applies the per-account half of the authentication limit; the per-address half runs in the pipeline.
    func checkAccountLimit(emailKey: String, now: Date) async throws {
        guard let rule = self.context.settings.rateLimitAuth else { return }
        let decision = await self.context.rateLimiter.hit("auth:account:\(emailKey)", rule: rule, now: now)
        guard decision.allowed else {
            throw HTTPError(
                .tooManyRequests,
                code: "RATE_LIMITED",
                message: "Too many requests; retry later",
                headers: HTTPHeaders([
                    ("retry-after", String(decision.resetSeconds)),
                    ("ratelimit-limit", String(decision.limit)),
                    ("ratelimit-remaining", "0"),
                    ("ratelimit-reset", String(decision.resetSeconds)),
                ])
            )
        }
    }
}
