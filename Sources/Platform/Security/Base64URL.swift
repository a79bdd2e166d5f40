/// Base64url without padding (RFC 4648 section 5), the encoding of JWT segments and of tokens
/// from `SecureRandom.token`.
public enum Base64URL {
    /// Returns the unpadded base64url text of `bytes`.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        SodiumBase64.encode(bytes, variant: .urlSafeNoPadding)
    }

    /// Decodes unpadded base64url text, or returns nil if `text` contains `=` padding, any
    /// character outside `A-Z a-z 0-9 - _` (whitespace included), a length that no byte string
    /// encodes to, or non-zero unused bits in its last character.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        SodiumBase64.decode(text, variant: .urlSafeNoPadding)
    }
}
