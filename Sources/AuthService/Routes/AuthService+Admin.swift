import Database
import Foundation
import HTTPServer
import Platform

extension AuthService {
    /// `GET /api/v1/auth/users/{id}/roles` (admin).
    func listRoles(_ request: Request) async throws -> Response {
        _ = try request.requireAdmin()
        let userID = try self.userIDParameter(request)
        let rows = try await self.context.database.read { connection -> [Row]? in
            guard try AuthStore.user(id: userID, on: connection) != nil else { return nil }
            return try connection.query(
                "SELECT role, expires_at, granted_at FROM user_roles WHERE user_id = $1 ORDER BY role",
                [.text(userID)]
            )
        }
        guard let rows else { throw HTTPError.notFound("USER_NOT_FOUND", "User not found") }
        return .success(.array(try rows.map(Self.roleJSON)))
    }

    /// `POST /api/v1/auth/users/{id}/roles` (admin): grants `role`, optionally until `expires_at`.
    func grantRole(_ request: Request) async throws -> Response {
        let admin = try request.requireAdmin()
        let userID = try self.userIDParameter(request)
        var fields = FieldReader(try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes))
        let role = fields.string("role", required: true, maxLength: 50, trim: true)
        let expiresAt = fields.timestamp("expires_at")
        if let role, !Self.isValidRole(role) {
            fields.fail("role", "Use 1 to 50 lower-case letters, digits, '.', '_' or '-'")
        }
        if let expiresAt, expiresAt <= Date() { fields.fail("expires_at", "Must be in the future") }
        try fields.finish()
        guard let role else { throw HTTPError.validation([:]) }

        let now = Date()
        let row = try await self.context.write { connection -> Row? in
            guard try AuthStore.user(id: userID, on: connection) != nil else { return nil }
            try connection.execute(
                """
                INSERT INTO user_roles (user_id, role, expires_at, granted_at, granted_by) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (user_id, role) DO UPDATE SET expires_at = $3, granted_at = $4, granted_by = $5
                """,
                [.text(userID), .text(role), expiresAt.map { .date($0) } ?? .null, .date(now), .text(admin.id)]
            )
            try self.cutOffAccessTokens(userID: userID, actorID: admin.id, now: now, on: connection)
            return try connection.queryFirst(
                "SELECT role, expires_at, granted_at FROM user_roles WHERE user_id = $1 AND role = $2",
                [.text(userID), .text(role)]
            )
        }
        guard let row else { throw HTTPError.notFound("USER_NOT_FOUND", "User not found") }
        self.announceRevocation(userID: userID, milliseconds: Int64(now.timeIntervalSince1970 * 1000))
        return .success(try Self.roleJSON(row), status: .created)
    }

    /// `DELETE /api/v1/auth/users/{id}/roles/{role}` (admin).
    func removeRole(_ request: Request) async throws -> Response {
        let admin = try request.requireAdmin()
        let userID = try self.userIDParameter(request)
        let role = request.parameter("role")
        let now = Date()
        let removed = try await self.context.write { connection -> Bool in
            let count = try connection.execute(
                "DELETE FROM user_roles WHERE user_id = $1 AND role = $2",
                [.text(userID), .text(role)]
            )
            if count > 0 {
                try self.cutOffAccessTokens(userID: userID, actorID: admin.id, now: now, on: connection)
            }
            return count > 0
        }
        guard removed else { throw HTTPError.notFound("ROLE_NOT_FOUND", "The user does not have this role") }
        self.announceRevocation(userID: userID, milliseconds: Int64(now.timeIntervalSince1970 * 1000))
        return .noContent
    }

    /// `POST /api/v1/auth/users/{id}/deactivate` (admin): the user can no longer log in or refresh, and their
    /// tokens stop working.
    func deactivate(_ request: Request) async throws -> Response {
        let admin = try request.requireAdmin()
        let userID = try self.userIDParameter(request)
        let now = Date()
        let outcome = try await self.context.write { connection -> (UserRecord, Int64)? in
            guard try AuthStore.user(id: userID, on: connection, now: now) != nil else { return nil }
            try connection.execute(
                "UPDATE users SET is_active = $1, updated_at = $2 WHERE id = $3",
                [.bool(false), .date(now), .text(userID)]
            )
            let milliseconds = try AuthStore.revokeAllTokens(userID: userID, now: now, on: connection)
            try Outbox.append(
                Self.revocationEvent(
                    userID: userID,
                    actorID: admin.id,
                    milliseconds: milliseconds,
                    reason: "deactivated"
                ),
                on: connection
            )
            try Outbox.append(
                Event(
                    type: "user.deactivated",
                    producer: Self.name.rawValue,
                    actorID: admin.id,
                    data: ["user_id": .string(userID)]
                ),
                on: connection
            )
            guard let user = try AuthStore.user(id: userID, on: connection, now: now) else { return nil }
            return (user, milliseconds)
        }
        guard let (user, milliseconds) = outcome else { throw HTTPError.notFound("USER_NOT_FOUND", "User not found") }
        self.announceRevocation(userID: userID, milliseconds: milliseconds)
        return .success(user.json, message: "User deactivated")
    }

    /// Role changes take effect at once: older access tokens, which carry the old roles, stop working, and a
    /// refresh issues a token with the new ones.
    private func cutOffAccessTokens(
        userID: String,
        actorID: String,
        now: Date,
        on connection: any DatabaseConnection
    )
        throws
    {
        let milliseconds = Int64(now.timeIntervalSince1970 * 1000)
        try connection.execute(
            "UPDATE users SET tokens_valid_after = $1, updated_at = $2 WHERE id = $3",
            [.integer(milliseconds), .date(now), .text(userID)]
        )
        try Outbox.append(
            Self.revocationEvent(userID: userID, actorID: actorID, milliseconds: milliseconds, reason: "roles_changed"),
            on: connection
        )
    }

    private func userIDParameter(_ request: Request) throws(HTTPError) -> String {
        guard let id = UUID(uuidString: request.parameter("id")) else {
            throw HTTPError.notFound("USER_NOT_FOUND", "User not found")
        }
        return id.uuidString.lowercased()
    }

    static func isValidRole(_ role: String) -> Bool {
        (1...50).contains(role.utf8.count)
            && role.utf8.allSatisfy {
                ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D
            }
    }

    private static func roleJSON(_ row: Row) throws -> JSONValue {
        [
            "role": .string(try row.decode("role", as: String.self)),
            "expires_at": .string(try row.decode("expires_at", as: Date?.self).map(Timestamp.format)),
            "granted_at": .string(Timestamp.format(try row.decode("granted_at", as: Date.self))),
        ]
    }
}
