import Database
import Foundation
import HTTPServer
import Platform

/// What an import did.
public struct UserImportReport: Sendable {
    public var created = 0
    /// Users whose email or username was already present; nothing about them changed.
    public var skipped = 0
    /// One line per record that could not be imported, naming the record and the reason.
    public var rejected: [String] = []
}

extension AuthService {
    /// Imports the JSON that Django's `manage.py dumpdata auth.user` writes.
    ///
    /// Password hashes are kept as Django wrote them and replaced by Argon2id at each user's first successful
    /// login. `is_superuser` grants `admin`; `is_active`, names and `date_joined` carry over. A user whose email
    /// or username is already present is skipped, so running the import twice creates nothing new.
    public func importDjangoUsers(_ json: [UInt8]) async throws -> UserImportReport {
        let document: JSONValue
        do {
            document = try JSONParser(maxDepth: 16).parse(json)
        } catch {
            throw SettingsError("the file is not valid JSON: \(error.description)")
        }
        guard case .array(let records) = document else {
            throw SettingsError("expected a JSON array of auth.user records, as dumpdata writes")
        }

        var report = UserImportReport()
        for (index, record) in records.enumerated() {
            guard case .string(let model)? = record["model"], model == "auth.user",
                case .object(let fields)? = record["fields"]
            else {
                report.rejected.append("record \(index): not an auth.user record")
                continue
            }
            do {
                if try await self.importDjangoUser(fields) {
                    report.created += 1
                } else {
                    report.skipped += 1
                }
            } catch let error as HTTPError {
                let reasons = (error.details ?? [:]).map { "\($0.key): \($0.value.joined(separator: "; "))" }
                report.rejected.append("record \(index): \(reasons.sorted().joined(separator: ", "))")
            }
        }
        return report
    }

    /// Inserts one user; false when the email or username already exists.
    private func importDjangoUser(_ object: JSONObject) async throws -> Bool {
        var fields = FieldReader(object)
        let email = fields.string("email", required: true, maxLength: 254, trim: true).map(Identity.normalizedEmail)
        let username = fields.string("username", required: true, maxLength: 150)?.precomposedStringWithCanonicalMapping
        let password = fields.string("password", maxLength: 1024) ?? ""
        let firstName = fields.string("first_name", maxLength: 150) ?? ""
        let lastName = fields.string("last_name", maxLength: 150) ?? ""
        let isActive = fields.bool("is_active") ?? true
        let isSuperuser = fields.bool("is_superuser") ?? false
        let joined = fields.timestamp("date_joined") ?? Date()
        let lastLogin = fields.timestamp("last_login")
        if let email, let problem = Identity.emailProblem(email) { fields.fail("email", problem) }
        if let username, let problem = Identity.usernameProblem(username) { fields.fail("username", problem) }
        try fields.finish()
        guard let email, let username else { throw HTTPError.validation([:]) }

        let now = Date()
        return try await self.context.writeAndDeliver { connection in
            if try AuthStore.emailKeyExists(Identity.emailKey(email), on: connection)
                || AuthStore.usernameKeyExists(Identity.usernameKey(username), on: connection)
            {
                return false
            }
            let id = UUIDv7.make(now: joined).uuidString.lowercased()
            try AuthStore.insertUser(
                id: id,
                email: email,
                username: username,
                passwordHash: password.isEmpty ? "!" : password,
                firstName: firstName,
                lastName: lastName,
                isActive: isActive,
                createdAt: joined,
                on: connection
            )
            if let lastLogin {
                try connection.execute(
                    "UPDATE users SET last_login_at = $1 WHERE id = $2",
                    [.date(lastLogin), .text(id)]
                )
            }
            if isSuperuser {
                try connection.execute(
                    "INSERT INTO user_roles (user_id, role, granted_at) VALUES ($1, 'admin', $2)",
                    [.text(id), .date(now)]
                )
            }
            try Outbox.append(
                Event(
                    type: "user.registered",
                    producer: Self.name.rawValue,
                    actorID: nil,
                    data: [
                        "user_id": .string(id), "email": .string(email), "username": .string(username),
                        "first_name": .string(firstName), "last_name": .string(lastName), "imported": true,
                    ]
                ),
                on: connection
            )
            if !isActive {
                try Outbox.append(
                    Event(
                        type: "user.deactivated",
                        producer: Self.name.rawValue,
                        actorID: nil,
                        data: ["user_id": .string(id)]
                    ),
                    on: connection
                )
            }
            return true
        }
    }
}
