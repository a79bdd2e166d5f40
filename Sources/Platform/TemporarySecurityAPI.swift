// Interface placeholder replaced by the real security primitives.
import Foundation

public protocol ExpiringClaims { var exp: Int64 { get } }
public struct JWTError: Error, Sendable {
    public struct Code: Hashable, Sendable { let raw: Int; public static let expired = Code(raw: 1) }
    public var code: Code
}
public struct JWTSigner: Sendable {
    public init(secret: [UInt8]) {}
    public func sign<Claims: Encodable>(_ claims: Claims) throws -> String { "" }
    public func verify<Claims: Decodable & ExpiringClaims>(_ token: String, as: Claims.Type, now: Date = Date()) throws(JWTError) -> Claims { throw JWTError(code: .expired) }
}
public struct AccessTokenClaims: Codable, Sendable, ExpiringClaims {
    public var userID: String; public var email: String; public var username: String; public var roles: [String]
    public var iat: Int64; public var exp: Int64; public var jti: String; public var type: String
    public init(userID: String, email: String, username: String, roles: [String], iat: Int64, exp: Int64, jti: String, type: String) {
        self.userID = userID; self.email = email; self.username = username; self.roles = roles; self.iat = iat; self.exp = exp; self.jti = jti; self.type = type
    }
}
public struct RefreshTokenClaims: Codable, Sendable, ExpiringClaims {
    public var userID: String; public var iat: Int64; public var exp: Int64; public var jti: String; public var type: String
    public init(userID: String, iat: Int64, exp: Int64, jti: String, type: String) { self.userID = userID; self.iat = iat; self.exp = exp; self.jti = jti; self.type = type }
}
public enum PasswordVerification: Sendable, Equatable { case invalid, valid, validNeedsRehash }
public struct PasswordHasher: Sendable {
    public init() {}
    public func hash(_ password: String) throws -> String { "" }
    public func verify(_ password: String, against encoded: String) -> PasswordVerification { .invalid }
    public func verifyAgainstDummy(_ password: String) {}
}
public enum SecureRandom {
    public static func bytes(_ count: Int) -> [UInt8] { [] }
    public static func token(byteCount: Int = 32) -> String { "" }
}
public enum Digest {
    public static func sha256Hex(_ string: String) -> String { "" }
}
