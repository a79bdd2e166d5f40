import Foundation

/// Claims of a Cairn access token, sent as a bearer token on API requests.
///
/// Decoding rejects a token whose `type` is not `"access"`, so a refresh token cannot stand in
/// for an access token, and a `user_id` that is not a lowercase UUID.
public struct AccessTokenClaims: Codable, Sendable, Equatable, ExpiringClaims {
    /// Value of the `type` claim in every access token.
    public static let tokenType = "access"

    /// The user's id as a lowercase UUID string (claim `user_id`).
    public let userID: String
    public let email: String
    public let username: String
    /// Role names, in the order the issuer wrote them.
    public let roles: [String]
    /// Issue time in seconds since 1970-01-01 UTC.
    public let iat: Int64
    /// Expiration time in seconds since 1970-01-01 UTC.
    public let exp: Int64
    /// Unique token id, for example from `SecureRandom.token()`.
    public let jti: String
    /// Always `"access"`.
    public let type: String

    private enum CodingKeys: String, CodingKey {
        case userID = "user_id"
        case email
        case username
        case roles
        case iat
        case exp
        case jti
        case type
    }

    /// Creates access token claims. `userID` is stored in lowercase form.
    public init(userID: UUID, email: String, username: String, roles: [String], iat: Int64, exp: Int64, jti: String) {
        self.userID = userID.uuidString.lowercased()
        self.email = email
        self.username = username
        self.roles = roles
        self.iat = iat
        self.exp = exp
        self.jti = jti
        self.type = Self.tokenType
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.userID = try TokenClaimValidation.decodeUserID(from: container, forKey: .userID)
        self.email = try container.decode(String.self, forKey: .email)
        self.username = try container.decode(String.self, forKey: .username)
        self.roles = try container.decode([String].self, forKey: .roles)
        self.iat = try container.decode(Int64.self, forKey: .iat)
        self.exp = try container.decode(Int64.self, forKey: .exp)
        self.jti = try container.decode(String.self, forKey: .jti)
        self.type = try TokenClaimValidation.decodeType(Self.tokenType, from: container, forKey: .type)
    }
}

/// Claims of a Cairn refresh token, exchanged for a new access token.
///
/// Decoding rejects a token whose `type` is not `"refresh"` and a `user_id` that is not a
/// lowercase UUID.
public struct RefreshTokenClaims: Codable, Sendable, Equatable, ExpiringClaims {
    /// Value of the `type` claim in every refresh token.
    public static let tokenType = "refresh"

    /// The user's id as a lowercase UUID string (claim `user_id`).
    public let userID: String
    /// Issue time in seconds since 1970-01-01 UTC.
    public let iat: Int64
    /// Expiration time in seconds since 1970-01-01 UTC.
    public let exp: Int64
    /// Unique token id, which lets the server revoke or rotate one refresh token.
    public let jti: String
    /// Always `"refresh"`.
    public let type: String

    private enum CodingKeys: String, CodingKey {
        case userID = "user_id"
        case iat
        case exp
        case jti
        case type
    }

    /// Creates refresh token claims. `userID` is stored in lowercase form.
    public init(userID: UUID, iat: Int64, exp: Int64, jti: String) {
        self.userID = userID.uuidString.lowercased()
        self.iat = iat
        self.exp = exp
        self.jti = jti
        self.type = Self.tokenType
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.userID = try TokenClaimValidation.decodeUserID(from: container, forKey: .userID)
        self.iat = try container.decode(Int64.self, forKey: .iat)
        self.exp = try container.decode(Int64.self, forKey: .exp)
        self.jti = try container.decode(String.self, forKey: .jti)
        self.type = try TokenClaimValidation.decodeType(Self.tokenType, from: container, forKey: .type)
    }
}

/// Checks shared by the Cairn claim sets while decoding.
enum TokenClaimValidation {
    /// Decodes a user id and throws unless it is a UUID in lowercase form.
    static func decodeUserID<Key: CodingKey>(
        from container: KeyedDecodingContainer<Key>,
        forKey key: Key
    ) throws -> String {
        let value = try container.decode(String.self, forKey: key)
        guard let uuid = UUID(uuidString: value), uuid.uuidString.lowercased() == value else {
            throw DecodingError.dataCorruptedError(
                forKey: key,
                in: container,
                debugDescription: "user_id must be a lowercase UUID"
            )
        }
        return value
    }

    /// Decodes the `type` claim and throws unless it equals `expected`.
    static func decodeType<Key: CodingKey>(
        _ expected: String,
        from container: KeyedDecodingContainer<Key>,
        forKey key: Key
    ) throws -> String {
        let value = try container.decode(String.self, forKey: key)
        guard value == expected else {
            throw DecodingError.dataCorruptedError(
                forKey: key,
                in: container,
                debugDescription: "type must be \"\(expected)\""
            )
        }
        return value
    }
}
