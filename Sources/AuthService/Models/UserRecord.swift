import Database
import Foundation
import HTTPServer
import Platform

/// A row of `users` with its roles in force.
struct UserRecord: Sendable {
    var id: String
    var email: String
    var username: String
    var passwordHash: String
    var firstName: String
    var lastName: String
    var isActive: Bool
    var emailVerified: Bool
    var lastLoginAt: Date?
    var tokensValidAfter: Int64
    var createdAt: Date
    var updatedAt: Date
    var roles: [String] = []

    static let columns =
        "id, email, username, password_hash, first_name, last_name, is_active, email_verified, last_login_at, tokens_valid_after, created_at, updated_at"

    init(row: Row) throws {
        self.id = try row.decode("id", as: UUID.self).uuidString.lowercased()
        self.email = try row.decode("email")
        self.username = try row.decode("username")
        self.passwordHash = try row.decode("password_hash")
        self.firstName = try row.decode("first_name")
        self.lastName = try row.decode("last_name")
        self.isActive = try row.decode("is_active")
        self.emailVerified = try row.decode("email_verified")
        self.lastLoginAt = try row.decode("last_login_at")
        self.tokensValidAfter = try row.decode("tokens_valid_after")
        self.createdAt = try row.decode("created_at")
        self.updatedAt = try row.decode("updated_at")
    }

    /// The user as the API shows it; never the password hash.
    var json: JSONValue {
        [
            "id": .string(self.id),
            "email": .string(self.email),
            "username": .string(self.username),
            "first_name": .string(self.firstName),
            "last_name": .string(self.lastName),
            "is_active": .bool(self.isActive),
            "email_verified": .bool(self.emailVerified),
            "last_login_at": .string(self.lastLoginAt.map(Timestamp.format)),
            "roles": .array(self.roles.map { .string($0) }),
            "created_at": .string(Timestamp.format(self.createdAt)),
            "updated_at": .string(Timestamp.format(self.updatedAt)),
        ]
    }

    /// The short form inside a login answer.
    var loginJSON: JSONValue {
        [
            "id": .string(self.id),
            "email": .string(self.email),
            "username": .string(self.username),
            "roles": .array(self.roles.map { .string($0) }),
        ]
    }
}
