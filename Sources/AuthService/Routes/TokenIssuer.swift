import Database
import Foundation
import HTTPServer
import Platform

/// A signed access and refresh token pair.
struct TokenPair: Sendable {
    var accessToken: String
    var refreshToken: String

    var json: JSONObject {
        [
            "access_token": .string(self.accessToken),
            "refresh_token": .string(self.refreshToken),
            "token_type": "Bearer",
            "expires_in": .int(AuthService.accessTokenSeconds),
        ]
    }
}

extension AuthService {
    /// Signs a pair for `user` and stores the refresh token in `familyID` (a new login starts a new family).
    func issueTokens(
        for user: UserRecord,
        familyID: String?,
        now: Date,
        on connection: any DatabaseConnection
    ) throws
        -> TokenPair
    {
        let issuedAt = Int64(now.timeIntervalSince1970)
        guard let userID = UUID(uuidString: user.id) else { throw HTTPError.internalError }
        let access = AccessTokenClaims(
            userID: userID,
            email: user.email,
            username: user.username,
            roles: user.roles,
            iat: issuedAt,
            exp: issuedAt + Self.accessTokenSeconds,
            jti: TokenID.make(now: now)
        )
        let refreshID = TokenID.make(now: now)
        let refresh = RefreshTokenClaims(
            userID: userID,
            iat: issuedAt,
            exp: issuedAt + Self.refreshTokenSeconds,
            jti: refreshID
        )
        try AuthStore.insertRefreshToken(
            id: refreshID,
            userID: user.id,
            familyID: familyID ?? refreshID,
            issuedAt: now,
            expiresAt: now.addingTimeInterval(Double(Self.refreshTokenSeconds)),
            on: connection
        )
        return TokenPair(
            accessToken: try self.context.signer.sign(access),
            refreshToken: try self.context.signer.sign(refresh)
        )
    }
}
