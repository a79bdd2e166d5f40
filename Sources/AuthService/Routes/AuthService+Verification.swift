import Database
import Foundation
import HTTPServer
import Platform

extension AuthService {
    /// `POST /api/v1/auth/verify-email`: a token from the verification mail works once, before it expires.
    func verifyEmail(_ request: Request) async throws -> Response {
        var fields = FieldReader(try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes))
        let token = fields.string("token", required: true, maxLength: 512)
        try fields.finish()
        guard let token else { throw HTTPError.validation([:]) }

        let now = Date()
        let verified = try await self.context.write { connection -> Bool in
            guard
                let userID = try AuthStore.consumeOneTimeToken(
                    hash: Digest.sha256Hex(token),
                    purpose: OneTimePurpose.verifyEmail,
                    now: now,
                    on: connection
                )
            else { return false }
            try connection.execute(
                "UPDATE users SET email_verified = $1, updated_at = $2 WHERE id = $3",
                [.bool(true), .date(now), .text(userID)]
            )
            try Outbox.append(
                Event(
                    type: "user.email_verified",
                    producer: Self.name.rawValue,
                    actorID: userID,
                    data: ["user_id": .string(userID)]
                ),
                on: connection
            )
            return true
        }
        guard verified else { throw HTTPError.invalidField("token", "Invalid or expired token") }
        return .message("Email verified")
    }

    /// `POST /api/v1/auth/verify-email/resend`: `202`; a new token is mailed unless the email is verified.
    func resendVerification(_ request: Request) async throws -> Response {
        let caller = try request.requireUser()
        let now = Date()
        let token = SecureRandom.token()
        let user = try await self.context.write { connection -> UserRecord? in
            guard let user = try AuthStore.user(id: caller.id, on: connection, now: now), user.isActive,
                !user.emailVerified
            else { return nil }
            try AuthStore.insertOneTimeToken(
                hash: Digest.sha256Hex(token),
                userID: user.id,
                purpose: OneTimePurpose.verifyEmail,
                expiresAt: now.addingTimeInterval(Self.verificationTokenSeconds),
                now: now,
                on: connection
            )
            return user
        }
        if let user {
            await self.sendVerificationMail(to: user, token: token)
        }
        return .message("If the email is not verified yet, a new verification mail is on its way", status: .accepted)
    }
}
