import Foundation
import HTTPServer

/// Claims that decode straight from a parsed JSON object, which skips `JSONDecoder` on the hot path of every
/// authenticated request.
public protocol JSONObjectDecodable {
    /// - Throws: when a claim is missing, has the wrong JSON type, or breaks the claim set's rules.
    init(jsonObject: JSONObject) throws
}

/// A claim that is missing or malformed.
struct ClaimError: Error {
    let claim: String
}

extension AccessTokenClaims: JSONObjectDecodable {
    /// Applies the same rules as `init(from:)`: a lower-case UUID `user_id` and `type` equal to `"access"`.
    public init(jsonObject object: JSONObject) throws {
        guard case .string(let userID)? = object["user_id"], let uuid = UUID(uuidString: userID),
            uuid.uuidString.lowercased() == userID
        else { throw ClaimError(claim: "user_id") }
        guard case .string(let email)? = object["email"] else { throw ClaimError(claim: "email") }
        guard case .string(let username)? = object["username"] else { throw ClaimError(claim: "username") }
        guard case .array(let roleValues)? = object["roles"] else { throw ClaimError(claim: "roles") }
        var roles: [String] = []
        roles.reserveCapacity(roleValues.count)
        for value in roleValues {
            guard case .string(let role) = value else { throw ClaimError(claim: "roles") }
            roles.append(role)
        }
        guard case .int(let iat)? = object["iat"] else { throw ClaimError(claim: "iat") }
        guard case .int(let exp)? = object["exp"] else { throw ClaimError(claim: "exp") }
        guard case .string(let jti)? = object["jti"] else { throw ClaimError(claim: "jti") }
        guard case .string(let type)? = object["type"], type == Self.tokenType else { throw ClaimError(claim: "type") }

        self.init(userID: uuid, email: email, username: username, roles: roles, iat: iat, exp: exp, jti: jti)
    }
}
