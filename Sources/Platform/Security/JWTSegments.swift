/// The three parts of a compact JWS (RFC 7515 section 7.1), split and decoded but not yet checked.
struct JWTSegments {
    /// The token's ASCII bytes up to the second dot, which is what the signature covers.
    let signingInput: ArraySlice<UInt8>
    /// The first segment, still base64url-encoded, so that the common header can be matched
    /// without decoding it.
    let header: ArraySlice<UInt8>
    /// The decoded second segment, expected to be a JSON object of claims.
    let payload: [UInt8]
    /// The decoded third segment.
    let signature: [UInt8]

    /// Splits `token` at its two dots and decodes the payload and signature. Throws
    /// `JWTError.malformed` unless `token` has exactly three non-empty segments of strict
    /// base64url and at most `JWTSigner.maxTokenLength` bytes.
    init(_ token: String) throws(JWTError) {
        // Checked before copying, so that an oversized token is never copied.
        guard token.utf8.count <= JWTSigner.maxTokenLength else {
            throw .malformed
        }
        let bytes = Array(token.utf8)

        let dot = UInt8(ascii: ".")
        guard
            let firstDot = bytes.firstIndex(of: dot),
            let secondDot = bytes[(firstDot + 1)...].firstIndex(of: dot),
            !bytes[(secondDot + 1)...].contains(dot)
        else {
            throw .malformed
        }

        let header = bytes[..<firstDot]
        let encodedPayload = bytes[(firstDot + 1)..<secondDot]
        let encodedSignature = bytes[(secondDot + 1)...]
        guard !header.isEmpty, !encodedPayload.isEmpty, !encodedSignature.isEmpty else {
            throw .malformed
        }
        guard
            let payload = Self.decode(encodedPayload),
            let signature = Self.decode(encodedSignature)
        else {
            throw .malformed
        }

        self.signingInput = bytes[..<secondDot]
        self.header = header
        self.payload = payload
        self.signature = signature
    }

    /// Decodes one segment of strict unpadded base64url, or returns nil.
    static func decode(_ segment: ArraySlice<UInt8>) -> [UInt8]? {
        segment.withUnsafeBytes { SodiumBase64.decode($0, variant: .urlSafeNoPadding) }
    }
}
