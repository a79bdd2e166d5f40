import Foundation

/// The members of a JOSE header (RFC 7515 section 4) that decide whether a token is acceptable.
struct JWTHeader: Decodable {
    /// Base64url of `{"alg":"HS256","typ":"JWT"}`, the header that `JWTSigner.sign` writes and
    /// that PyJWT 2 writes for HS256, because it sorts keys and omits spaces.
    static let canonicalEncoded = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
    private static let canonicalEncodedBytes = Array(Self.canonicalEncoded.utf8)

    /// The `alg` member if it is a string, or nil if it is missing or of another JSON type.
    let algorithm: String?
    /// Whether the header has a `crit` member.
    let hasCriticalExtensions: Bool

    private enum CodingKeys: String, CodingKey {
        case alg
        case crit
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.algorithm = try? container.decode(String.self, forKey: .alg)
        self.hasCriticalExtensions = container.contains(.crit)
    }

    /// Throws unless the base64url header `encoded` is a JSON object whose `alg` is exactly
    /// `"HS256"` and which has no `crit` member.
    ///
    /// The header that Cairn and PyJWT write is matched byte for byte, which skips base64 and
    /// JSON decoding on every request. Any other header is decoded with `JSONDecoder`.
    static func validate(encoded: ArraySlice<UInt8>) throws(JWTError) {
        if encoded.elementsEqual(self.canonicalEncodedBytes) {
            return
        }

        guard let json = JWTSegments.decode(encoded) else {
            throw .malformed
        }
        let header: JWTHeader
        do {
            header = try JSONDecoder().decode(JWTHeader.self, from: Data(json))
        } catch {
            throw .malformed
        }
        guard header.algorithm == "HS256", !header.hasCriticalExtensions else {
            throw .unsupportedAlgorithm
        }
    }
}
