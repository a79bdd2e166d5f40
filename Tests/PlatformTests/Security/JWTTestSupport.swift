import CSodium
import Foundation
import Platform

/// Builds tokens by hand, so that tests can make headers and payloads that `JWTSigner.sign` never writes.
enum JWTTestSupport {
    static let secret = [UInt8](repeating: 0x5a, count: 32)
    static let otherSecret = [UInt8](repeating: 0xa5, count: 32)
    static let userID = UUID(uuidString: "6F9619FF-8B86-D011-B42D-00C04FC964FF")!
    /// Fixed verification time: 2025-06-15 15:06:40 UTC.
    static let now = Date(timeIntervalSince1970: 1_750_000_000)

    static func accessClaims(exp: Int64 = 1_750_000_900) -> AccessTokenClaims {
        AccessTokenClaims(
            userID: self.userID,
            email: "ada@example.com",
            username: "ada",
            roles: ["admin", "user"],
            iat: 1_750_000_000,
            exp: exp,
            jti: "jti-1"
        )
    }

    /// Returns the payload of `accessClaims()` as JSON text, with `changes` applied on top:
    /// a nil value removes the claim.
    static func accessPayloadJSON(_ changes: [String: Any?] = [:]) -> String {
        var object: [String: Any] = [
            "user_id": "6f9619ff-8b86-d011-b42d-00c04fc964ff",
            "email": "ada@example.com",
            "username": "ada",
            "roles": ["admin", "user"],
            "iat": 1_750_000_000,
            "exp": 1_750_000_900,
            "jti": "jti-1",
            "type": "access",
        ]
        for (name, value) in changes {
            object[name] = value
        }
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// Returns `header.payload.signature` with an HMAC-SHA256 signature under `key`.
    static func hs256Token(header: String, payload: String, key: [UInt8] = Self.secret) -> String {
        let signingInput = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
        let signature = Digest.hmacSHA256(key: key, message: Array(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// Returns `header.payload.signature` with an HMAC-SHA512 signature under `key`.
    static func hs512Token(header: String, payload: String, key: [UInt8] = Self.secret) -> String {
        let signingInput = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
        let message = Array(signingInput.utf8)
        var signature = [UInt8](repeating: 0, count: Int(crypto_auth_hmacsha512_BYTES))
        var state = crypto_auth_hmacsha512_state()
        _ = crypto_auth_hmacsha512_init(&state, key, key.count)
        _ = crypto_auth_hmacsha512_update(&state, message, UInt64(message.count))
        _ = crypto_auth_hmacsha512_final(&state, &signature)
        return signingInput + "." + Base64URL.encode(signature)
    }
}
