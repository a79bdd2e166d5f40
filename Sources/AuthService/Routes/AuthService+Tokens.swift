import Database
import Foundation
import HTTPServer
import Platform

extension AuthService {
    /// `POST /api/v1/auth/token/refresh`: rotates the refresh token.
    ///
    /// Presenting a token that was already rotated or revoked revokes its whole family (reuse detection). Of two
    /// concurrent refreshes with one token, the conditional revoke lets exactly one through.
    func refresh(_ request: Request) async throws -> Response {
        var fields = FieldReader(try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes))
        let token = fields.string("refresh_token", required: true, maxLength: 4096)
        try fields.finish()
        guard let token else { throw HTTPError.validation([:]) }

        let claims = try self.verifiedRefreshClaims(token)
        let now = Date()
        let result: Result<TokenPair, HTTPError> = try await self.context.write { connection in
            guard let stored = try AuthStore.refreshToken(id: claims.jti, on: connection),
                stored.userID == claims.userID
            else { return .failure(AuthErrors.invalidToken) }

            guard !stored.isRevoked, try AuthStore.revokeRefreshToken(id: claims.jti, now: now, on: connection) else {
                try AuthStore.revokeFamily(stored.familyID, now: now, on: connection)
                return .failure(AuthErrors.invalidToken)
            }
            guard let user = try AuthStore.user(id: stored.userID, on: connection, now: now), user.isActive else {
                return .failure(AuthErrors.invalidToken)
            }
            return .success(try self.issueTokens(for: user, familyID: stored.familyID, now: now, on: connection))
        }
        return .success(.object(try result.get().json))
    }

    /// `POST /api/v1/auth/logout`: revokes one refresh token of the caller.
    func logout(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        var fields = FieldReader(try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes))
        let token = fields.string("refresh_token", required: true, maxLength: 4096)
        try fields.finish()
        guard let token else { throw HTTPError.validation([:]) }

        guard let claims = try? self.verifiedRefreshClaims(token), claims.userID == user.id else {
            throw HTTPError.invalidField("refresh_token", "Invalid refresh token")
        }
        _ = try await self.context.write { connection in
            try AuthStore.revokeRefreshToken(id: claims.jti, now: Date(), on: connection)
        }
        return .message("Logged out")
    }

    /// `POST /api/v1/auth/logout-all`: revokes every refresh token of the caller and their older access tokens.
    func logoutAll(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        try await self.revokeEverything(userID: user.id, actorID: user.id, reason: "logout_all")
        return .message("Logged out of every session")
    }

    /// `GET /api/v1/auth/me`: the caller's user as `data`.
    func me(_ request: Request) async throws -> Response {
        let caller = try request.requireUser()
        let user = try await self.context.database.read { connection in
            try AuthStore.user(id: caller.id, on: connection)
        }
        guard let user, user.isActive else { throw AuthErrors.invalidToken }
        return .success(user.json)
    }

    /// Verifies a refresh token's signature, expiry and type.
    func verifiedRefreshClaims(_ token: String) throws(HTTPError) -> RefreshTokenClaims {
        let claims: RefreshTokenClaims
        do {
            claims = try self.context.signer.verify(token, as: RefreshTokenClaims.self)
        } catch {
            throw error == .expired ? AuthErrors.tokenExpired : AuthErrors.invalidToken
        }
        guard claims.type == "refresh" else { throw AuthErrors.invalidToken }
        return claims
    }

    /// Revokes all refresh tokens and older access tokens of `userID` and tells the other services.
    func revokeEverything(userID: String, actorID: String, reason: String) async throws {
        let now = Date()
        let milliseconds = try await self.context.write { connection in
            let milliseconds = try AuthStore.revokeAllTokens(userID: userID, now: now, on: connection)
            try Outbox.append(
                Self.revocationEvent(userID: userID, actorID: actorID, milliseconds: milliseconds, reason: reason),
                on: connection
            )
            return milliseconds
        }
        self.announceRevocation(userID: userID, milliseconds: milliseconds)
    }

    /// `user.tokens_revoked`: services reject the user's access tokens issued before `valid_after_ms`.
    static func revocationEvent(userID: String, actorID: String?, milliseconds: Int64, reason: String) -> Event {
        Event(
            type: "user.tokens_revoked",
            producer: Self.name.rawValue,
            actorID: actorID,
            data: ["user_id": .string(userID), "valid_after_ms": .int(milliseconds), "reason": .string(reason)]
        )
    }
}
