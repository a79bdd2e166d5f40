import Database
import Foundation
import HTTPServer
import Platform

/// The outcome of ``AuthService/createPlaceholderUsers(usernames:)`` for one username.
public enum PlaceholderOutcome: Sendable, Equatable {
    case created(id: String)
    /// A placeholder with this username existed already.
    case existing(id: String)
    /// The username is invalid or belongs to a registered account, and `reason` is a sentence naming the problem.
    case rejected(reason: String)
}

extension AuthService {
    /// The domain of placeholder emails. Names under `.invalid` never resolve (RFC 2606), so no mail is sent.
    public static let placeholderEmailDomain = "placeholder.invalid"

    /// Creates an inactive account for a person known only by name, such as the author of an imported issue,
    /// and returns its id. When a placeholder with this username exists, returns its id instead.
    ///
    /// The account has the unusable password hash `!` and the email `<username>@placeholder.invalid`, so it
    /// cannot log in until someone claims it. `user.registered` gives it a profile and a directory entry.
    ///
    /// - Throws: `400 VALIDATION_ERROR` on `username` when it is invalid, and `409 CONFLICT` when a registered
    ///   account has it.
    public func createPlaceholderUser(username: String) async throws -> String {
        let outcomes = try await self.createPlaceholderUsers(usernames: [username])
        switch outcomes[username] {
        case .created(let id)?, .existing(let id)?:
            return id
        case .rejected(let reason)?:
            if Identity.usernameProblem(username.precomposedStringWithCanonicalMapping) != nil {
                throw HTTPError.invalidField("username", reason)
            }
            throw HTTPError.conflict(reason)
        case nil:
            throw HTTPError.invalidField("username", "This field is required")
        }
    }

    /// Does what ``createPlaceholderUser(username:)`` does for each of `usernames` in one transaction, then
    /// delivers the events; returns the outcome by username as given. Usernames that differ only in case or
    /// Unicode form name one account.
    public func createPlaceholderUsers(usernames: [String]) async throws -> [String: PlaceholderOutcome] {
        var outcomes: [String: PlaceholderOutcome] = [:]
        var requestedByKey: [String: [String]] = [:]
        var keyOrder: [String] = []
        var seen: Set<String> = []
        for requested in usernames where seen.insert(requested).inserted {
            let username = requested.precomposedStringWithCanonicalMapping
            if let problem = Identity.usernameProblem(username) {
                outcomes[requested] = .rejected(reason: "Username \"\(requested)\" is invalid: \(problem)")
                continue
            }
            let key = Identity.usernameKey(username)
            if requestedByKey[key] == nil { keyOrder.append(key) }
            requestedByKey[key, default: []].append(requested)
        }
        guard !keyOrder.isEmpty else { return outcomes }

        let firstNames = keyOrder.map { requestedByKey[$0]![0].precomposedStringWithCanonicalMapping }
        let now = Date()
        let results = try await self.context.writeAndDeliver { connection in
            try firstNames.map { try Self.placeholder(username: $0, now: now, on: connection) }
        }
        for (key, outcome) in zip(keyOrder, results) {
            for requested in requestedByKey[key]! {
                outcomes[requested] = outcome
            }
        }
        return outcomes
    }

    /// Returns the id of the active user with `email`, compared case-insensitively, or nil when there is none.
    public func activeUserID(email: String) async throws -> String? {
        let key = Identity.emailKey(Identity.normalizedEmail(email))
        let user = try await self.context.database.read { connection in
            try AuthStore.user(emailKey: key, on: connection)
        }
        guard let user, user.isActive else { return nil }
        return user.id
    }

    /// Finds or inserts the placeholder `username`, inside the caller's transaction.
    private static func placeholder(
        username: String,
        now: Date,
        on connection: any DatabaseConnection
    ) throws
        -> PlaceholderOutcome
    {
        let usernameKey = Identity.usernameKey(username)
        if let account = try AuthStore.account(usernameKey: usernameKey, on: connection) {
            guard Self.isPlaceholder(emailKey: account.emailKey, passwordHash: account.passwordHash) else {
                return .rejected(reason: "Username \"\(username)\" belongs to a registered account")
            }
            return .existing(id: account.id)
        }

        let id = UUIDv7.make(now: now).uuidString.lowercased()
        // An email's local part has at most 64 characters, and a username up to 100; longer ones use the id.
        var email = "\(usernameKey)@\(Self.placeholderEmailDomain)"
        if Identity.emailProblem(email) != nil {
            email = "\(id)@\(Self.placeholderEmailDomain)"
        }
        if try AuthStore.emailKeyExists(Identity.emailKey(email), on: connection) {
            return .rejected(reason: "The placeholder email \(email) belongs to another account")
        }
        try AuthStore.insertUser(
            id: id,
            email: email,
            username: username,
            passwordHash: "!",
            firstName: "",
            lastName: "",
            isActive: false,
            createdAt: now,
            on: connection
        )
        try Outbox.append(
            Event(
                type: "user.registered",
                producer: Self.name.rawValue,
                actorID: nil,
                data: [
                    "user_id": .string(id), "email": .string(email), "username": .string(username),
                    "first_name": "", "last_name": "", "imported": true, "placeholder": true,
                ]
            ),
            on: connection
        )
        return .created(id: id)
    }

    /// True for an account made by ``createPlaceholderUser(username:)`` and not claimed since: a registered
    /// account always has a real password hash.
    static func isPlaceholder(emailKey: String, passwordHash: String) -> Bool {
        passwordHash == "!" && emailKey.hasSuffix("@" + Self.placeholderEmailDomain)
    }
}
