import Database
import Foundation
import HTTPServer
import Platform

extension AuthService {
    /// Creates an active, verified user with the `admin` role, or grants the role to the existing user with this
    /// email and username; returns the user id.
    ///
    /// - Throws: ``HTTPError`` with the problem when a field is invalid or the email and username belong to
    ///   different users.
    public func createAdministrator(
        email rawEmail: String,
        username rawUsername: String,
        password: String
    ) async throws
        -> String
    {
        let email = Identity.normalizedEmail(rawEmail)
        let username = rawUsername.precomposedStringWithCanonicalMapping
        var problems: [String: [String]] = [:]
        if let problem = Identity.emailProblem(email) { problems["email"] = [problem] }
        if let problem = Identity.usernameProblem(username) { problems["username"] = [problem] }
        if let problem = Identity.passwordProblem(password) { problems["password"] = [problem] }
        if !problems.isEmpty { throw HTTPError.validation(problems) }

        let hash = try await self.hashPassword(password)
        let now = Date()
        return try await self.context.writeAndDeliver { connection in
            var id: String
            if let existing = try AuthStore.user(emailKey: Identity.emailKey(email), on: connection, now: now) {
                guard Identity.usernameKey(existing.username) == Identity.usernameKey(username) else {
                    throw HTTPError.invalidField("email", "Email already exists with another username")
                }
                id = existing.id
                try AuthStore.setPasswordHash(hash, userID: id, now: now, on: connection)
            } else {
                id = UUIDv7.make(now: now).uuidString.lowercased()
                try AuthStore.insertUser(
                    id: id,
                    email: email,
                    username: username,
                    passwordHash: hash,
                    firstName: "",
                    lastName: "",
                    createdAt: now,
                    on: connection
                )
                try Outbox.append(
                    Event(
                        type: "user.registered",
                        producer: Self.name.rawValue,
                        actorID: id,
                        data: [
                            "user_id": .string(id), "email": .string(email), "username": .string(username),
                            "first_name": "", "last_name": "",
                        ]
                    ),
                    on: connection
                )
            }
            try connection.execute(
                "UPDATE users SET email_verified = $1, is_active = $1 WHERE id = $2",
                [.bool(true), .text(id)]
            )
            try connection.execute(
                """
                INSERT INTO user_roles (user_id, role, granted_at) VALUES ($1, 'admin', $2)
                ON CONFLICT (user_id, role) DO NOTHING
                """,
                [.text(id), .date(now)]
            )
            return id
        }
    }
}
