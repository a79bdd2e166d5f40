import Database
import Foundation
import HTTPServer
import Platform

extension AuthService {
    /// `POST /api/v1/auth/register`: creates an active, unverified user and mails a verification token.
    func register(_ request: Request) async throws -> Response {
        var fields = FieldReader(try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes))
        let email = fields.string("email", required: true, maxLength: 254, trim: true).map(Identity.normalizedEmail)
        let username = fields.string("username", required: true, maxLength: 100)?.precomposedStringWithCanonicalMapping
        let password = fields.string("password", required: true, maxLength: 1024)
        let firstName = fields.string("first_name", maxLength: 150, trim: true) ?? ""
        let lastName = fields.string("last_name", maxLength: 150, trim: true) ?? ""
        if let email, let problem = Identity.emailProblem(email) { fields.fail("email", problem) }
        if let username, let problem = Identity.usernameProblem(username) { fields.fail("username", problem) }
        if let password, let problem = Identity.passwordProblem(password) { fields.fail("password", problem) }
        try fields.finish()
        guard let email, let username, let password else { throw HTTPError.validation([:]) }

        try await self.rejectTakenIdentity(email: email, username: username)
        let hash = try await self.hashPassword(password)

        let now = Date()
        let id = UUIDv7.make(now: now).uuidString.lowercased()
        let token = SecureRandom.token()
        let user: UserRecord
        do {
            user = try await self.context.writeAndDeliver { connection in
                try AuthStore.insertUser(
                    id: id,
                    email: email,
                    username: username,
                    passwordHash: hash,
                    firstName: firstName,
                    lastName: lastName,
                    createdAt: now,
                    on: connection
                )
                try AuthStore.insertOneTimeToken(
                    hash: Digest.sha256Hex(token),
                    userID: id,
                    purpose: OneTimePurpose.verifyEmail,
                    expiresAt: now.addingTimeInterval(Self.verificationTokenSeconds),
                    now: now,
                    on: connection
                )
                let data: JSONObject = [
                    "user_id": .string(id), "email": .string(email), "username": .string(username),
                    "first_name": .string(firstName), "last_name": .string(lastName),
                ]
                try Outbox.append(
                    Event(type: "user.registered", producer: Self.name.rawValue, actorID: id, data: data),
                    on: connection
                )
                guard let user = try AuthStore.user(id: id, on: connection, now: now) else {
                    throw HTTPError.internalError
                }
                return user
            }
        } catch let error as DatabaseError where error.code == .uniqueViolation {
            // Lost a race with a registration of the same identity after the check above.
            try await self.rejectTakenIdentity(email: email, username: username)
            throw HTTPError.validation(["email": ["Email already exists"]])
        }

        await self.sendVerificationMail(to: user, token: token)
        return .success(
            ["user": user.json],
            status: .created,
            message: "Registration successful. Check your email to verify your address."
        )
    }

    /// `400 VALIDATION_ERROR` naming the field when the email or username is taken, as the original design did.
    private func rejectTakenIdentity(email: String, username: String) async throws {
        let emailKey = Identity.emailKey(email)
        let usernameKey = Identity.usernameKey(username)
        let (emailTaken, usernameTaken) = try await self.context.database.read { connection in
            (
                try AuthStore.emailKeyExists(emailKey, on: connection),
                try AuthStore.usernameKeyExists(usernameKey, on: connection)
            )
        }
        var details: [String: [String]] = [:]
        if emailTaken { details["email"] = ["Email already exists"] }
        if usernameTaken { details["username"] = ["Username already exists"] }
        if !details.isEmpty { throw HTTPError.validation(details) }
    }

    func sendVerificationMail(to user: UserRecord, token: String) async {
        let link = "\(self.context.settings.effectivePublicURL)/verify-email?token=\(token)"
        let mail = Mail(
            to: user.email,
            subject: "Verify your email address",
            body: """
                Hello \(user.username),

                Confirm your email address for Cairn by opening this link:
                \(link)

                or by sending this token to POST /api/v1/auth/verify-email:
                Token: \(token)

                The token expires in 48 hours. If you did not create this account, ignore this message.
                """
        )
        await self.deliver(mail, purpose: "verification")
    }

    /// Sends `mail`, logging a failure instead of failing the request: the account change has been committed.
    func deliver(_ mail: Mail, purpose: String) async {
        do {
            try await self.context.mailer.send(mail)
        } catch {
            Logger.current.error("Mail delivery failed", metadata: ["mail.purpose": purpose, "error": "\(error)"])
        }
    }
}

/// The `purpose` column of one-time tokens.
enum OneTimePurpose {
    static let verifyEmail = "verify_email"
    static let passwordReset = "password_reset"
}
