/// Failure to sign or verify a JWT.
///
/// Compare with the static members (`error == .expired`). `description` is a fixed sentence for
/// each case that never contains token contents, so it is safe to log or to return to a client.
public struct JWTError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Sendable, Equatable {
        case malformed
        case unsupportedAlgorithm
        case invalidSignature
        case expired
        case invalidClaims
    }

    private let code: Code

    private init(_ code: Code) {
        self.code = code
    }

    /// The token is not three non-empty base64url segments, its header is not a JSON object, or
    /// it is longer than `JWTSigner.maxTokenLength`.
    public static let malformed = JWTError(.malformed)
    /// The header's `alg` is missing or is anything but `HS256`, or the header lists `crit` extensions.
    public static let unsupportedAlgorithm = JWTError(.unsupportedAlgorithm)
    /// The signature does not match the header and payload under the signer's key.
    public static let invalidSignature = JWTError(.invalidSignature)
    /// The `exp` claim is at or before the verification time.
    public static let expired = JWTError(.expired)
    /// The payload does not decode into the expected claims, or the claims could not be encoded.
    public static let invalidClaims = JWTError(.invalidClaims)

    public var description: String {
        switch self.code {
        case .malformed: "The token is malformed."
        case .unsupportedAlgorithm: "The token uses an unsupported signing algorithm."
        case .invalidSignature: "The token signature is invalid."
        case .expired: "The token has expired."
        case .invalidClaims: "The token claims are invalid."
        }
    }
}
