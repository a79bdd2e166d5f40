import CSodium

/// SHA-256, HMAC-SHA256 and constant-time comparison, all from libsodium.
public enum Digest {
    /// Size in bytes of a SHA-256 digest and of an HMAC-SHA256 tag.
    public static let sha256ByteCount = Int(crypto_hash_sha256_BYTES)

    /// Returns the SHA-256 digest (32 bytes) of `bytes`.
    public static func sha256(_ bytes: some Collection<UInt8>) -> [UInt8] {
        Sodium.initialize()
        var digest = [UInt8](repeating: 0, count: self.sha256ByteCount)
        withContiguousBytes(of: bytes) { input in
            _ = crypto_hash_sha256(&digest, input.baseAddress, UInt64(input.count))
        }
        return digest
    }

    /// Returns the lowercase hexadecimal SHA-256 digest (64 characters) of the UTF-8 bytes of `string`.
    public static func sha256Hex(_ string: String) -> String {
        self.hex(self.sha256(string.utf8))
    }

    /// Returns the HMAC-SHA256 tag (32 bytes) of `message` under `key`. Keys of any length work:
    /// HMAC hashes a key longer than 64 bytes first, as RFC 2104 specifies.
    public static func hmacSHA256(key: [UInt8], message: some Collection<UInt8>) -> [UInt8] {
        HMACSHA256Key(key).authenticate(message)
    }

    /// Returns whether `a` and `b` hold the same bytes. The time taken depends on the lengths
    /// only, never on where the first difference is, so it is safe for tags and password hashes.
    /// Unequal lengths return false at once, because the length of a tag or hash is not secret.
    public static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else {
            return false
        }
        guard !a.isEmpty else {
            return true
        }
        Sodium.initialize()
        return a.withUnsafeBytes { left in
            b.withUnsafeBytes { right in
                sodium_memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0
            }
        }
    }

    /// Returns `bytes` as lowercase hexadecimal, two characters a byte.
    static func hex(_ bytes: [UInt8]) -> String {
        Sodium.initialize()
        var text = [CChar](repeating: 0, count: bytes.count * 2 + 1)
        _ = sodium_bin2hex(&text, text.count, bytes, bytes.count)
        return String(decoding: text.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Calls `body` with the bytes of `collection` in contiguous memory, copying them only when the
/// collection does not already store them that way.
func withContiguousBytes<Result>(
    of collection: some Collection<UInt8>,
    _ body: (UnsafeRawBufferPointer) -> Result
) -> Result {
    if let result = collection.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) {
        return result
    }
    return Array(collection).withUnsafeBytes(body)
}
