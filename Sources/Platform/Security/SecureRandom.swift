import CSodium

/// Cryptographically secure random bytes from libsodium's `randombytes_buf`, which reads the
/// kernel's random source (getrandom on Linux).
public enum SecureRandom {
    /// Returns `count` random bytes. `count` must not be negative.
    public static func bytes(_ count: Int) -> [UInt8] {
        precondition(count >= 0, "SecureRandom.bytes: count must not be negative, got \(count)")
        Sodium.initialize()
        var bytes = [UInt8](repeating: 0, count: count)
        randombytes_buf(&bytes, count)
        return bytes
    }

    /// Returns `byteCount` random bytes as base64url without padding, for session ids, token ids
    /// and similar values. The default 32 bytes (256 bits) gives a 43-character string.
    public static func token(byteCount: Int = 32) -> String {
        Base64URL.encode(self.bytes(byteCount))
    }
}
