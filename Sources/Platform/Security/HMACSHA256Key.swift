import CSodium

/// An HMAC-SHA256 key with its inner and outer hash states computed once.
///
/// Each tag starts from a copy of the stored state, so hashing the padded key twice per message
/// is skipped. That saves two SHA-256 compressions a tag, which matters for JWT verification on
/// every request and for the PBKDF2 loop.
struct HMACSHA256Key: Sendable {
    private let initialState: crypto_auth_hmacsha256_state

    init(_ key: [UInt8]) {
        Sodium.initialize()
        var state = crypto_auth_hmacsha256_state()
        _ = crypto_auth_hmacsha256_init(&state, key, key.count)
        self.initialState = state
    }

    /// Returns the 32-byte tag of `message`.
    func authenticate(_ message: some Collection<UInt8>) -> [UInt8] {
        var tag = [UInt8](repeating: 0, count: Digest.sha256ByteCount)
        withContiguousBytes(of: message) { input in
            tag.withUnsafeMutableBufferPointer { output in
                self.authenticate(input, into: output.baseAddress!)
            }
        }
        return tag
    }

    /// Writes the 32-byte tag of `message` to `tag`, which must have room for 32 bytes.
    func authenticate(_ message: UnsafeRawBufferPointer, into tag: UnsafeMutablePointer<UInt8>) {
        var state = self.initialState
        _ = crypto_auth_hmacsha256_update(
            &state,
            message.baseAddress?.assumingMemoryBound(to: UInt8.self),
            UInt64(message.count)
        )
        _ = crypto_auth_hmacsha256_final(&state, tag)
    }
}
