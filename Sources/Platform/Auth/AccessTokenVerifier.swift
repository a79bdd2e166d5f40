import Foundation
import HTTPServer

/// Turns an `Authorization` header into the caller, without a database round trip.
public struct AccessTokenVerifier: Sendable {
    public let signer: JWTSigner
    public let revocations: TokenRevocations

    public init(signer: JWTSigner, revocations: TokenRevocations) {
        self.signer = signer
        self.revocations = revocations
    }

    /// Returns the caller named by `header`, nil when no header was sent, or the error the API defines.
    ///
    /// A header with another scheme is `401 AUTHENTICATION_FAILED`; a bad, revoked or non-access token is
    /// `401 INVALID_TOKEN`; an expired one is `401 TOKEN_EXPIRED`.
    public func authenticate(header: String?, now: Date = Date()) -> Result<AuthenticatedUser?, HTTPError> {
        guard let header else { return .success(nil) }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard let scheme = parts.first, scheme.lowercased() == "bearer" else {
            return .failure(AuthErrors.authenticationFailed)
        }
        guard parts.count == 2 else { return .failure(AuthErrors.invalidToken) }
        let token = Self.trimmingBlanks(parts[1])

        let claims: AccessTokenClaims
        do {
            claims = try self.signer.verify(token, as: AccessTokenClaims.self, now: now)
        } catch {
            return .failure(error == .expired ? AuthErrors.tokenExpired : AuthErrors.invalidToken)
        }
        guard claims.type == "access" else { return .failure(AuthErrors.invalidToken) }

        let issuedAt = TokenID.milliseconds(of: claims.jti) ?? claims.iat * 1000
        if self.revocations.isRevoked(userID: claims.userID, issuedAtMilliseconds: issuedAt) {
            return .failure(AuthErrors.invalidToken)
        }
        return .success(
            AuthenticatedUser(
                id: claims.userID,
                email: claims.email,
                username: claims.username,
                roles: claims.roles,
                issuedAt: claims.iat
            )
        )
    }
}

extension AccessTokenVerifier {
    /// Drops spaces and tabs at both ends; done by hand because Foundation's trimming goes through `NSString`,
    /// which showed in profiles of every authenticated request.
    static func trimmingBlanks(_ text: Substring) -> String {
        var view = text[...]
        while let first = view.first, first == " " || first == "\t" {
            view = view.dropFirst()
        }
        while let last = view.last, last == " " || last == "\t" {
            view = view.dropLast()
        }
        return String(view)
    }
}

/// The authentication errors of the API's error table.
public enum AuthErrors {
    public static let authenticationFailed = HTTPError(
        .unauthorized,
        code: "AUTHENTICATION_FAILED",
        message: "Authentication credentials were not provided; send Authorization: Bearer <access token>"
    )
    public static let invalidToken = HTTPError(.unauthorized, code: "INVALID_TOKEN", message: "The token is invalid")
    public static let tokenExpired = HTTPError(.unauthorized, code: "TOKEN_EXPIRED", message: "The token has expired")
}

extension Request {
    /// Returns the authenticated caller, or throws the `401` error the API defines.
    public func requireUser() throws(HTTPError) -> AuthenticatedUser {
        if let user = self.user { return user }
        throw self.authenticationError ?? AuthErrors.authenticationFailed
    }

    /// Returns the caller when they have the `admin` role, and throws `403 AUTHORIZATION_FAILED` for anyone else.
    public func requireAdmin() throws(HTTPError) -> AuthenticatedUser {
        let user = try self.requireUser()
        guard user.isAdmin else { throw HTTPError.forbidden("This action requires the admin role") }
        return user
    }
}
