import CSodium

/// PBKDF2 with HMAC-SHA256 as the pseudorandom function (RFC 8018 section 5.2), built on
/// libsodium's HMAC-SHA256 because libsodium has no public PBKDF2.
enum PBKDF2 {
    /// Returns `keyLength` bytes derived from `password` and `salt` with `iterations` rounds.
    /// The time taken grows linearly with `iterations` times the number of 32-byte blocks.
    static func sha256(password: [UInt8], salt: [UInt8], iterations: Int, keyLength: Int) -> [UInt8] {
        precondition(iterations >= 1, "PBKDF2 needs at least 1 iteration, got \(iterations)")
        precondition(keyLength >= 1, "PBKDF2 needs a key length of at least 1 byte, got \(keyLength)")

        let key = HMACSHA256Key(password)
        var derived: [UInt8] = []
        derived.reserveCapacity(keyLength + Digest.sha256ByteCount)
        var blockIndex: UInt32 = 1
        while derived.count < keyLength {
            derived += self.block(key: key, salt: salt, blockIndex: blockIndex, iterations: iterations)
            blockIndex += 1
        }
        return Array(derived.prefix(keyLength))
    }

    /// Computes block `T_i = U_1 xor U_2 xor ... xor U_c` of RFC 8018, where
    /// `U_1 = HMAC(P, S || INT(i))` and `U_j = HMAC(P, U_{j-1})`.
    private static func block(key: HMACSHA256Key, salt: [UInt8], blockIndex: UInt32, iterations: Int) -> [UInt8] {
        let byteCount = Digest.sha256ByteCount
        let wordCount = byteCount / MemoryLayout<UInt64>.size

        // The loop runs up to millions of times, so it works on two fixed buffers and XORs
        // whole 64-bit words instead of bytes.
        let previous = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 8)
        let next = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 8)
        let sum = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 8)
        defer {
            for buffer in [previous, next, sum] {
                sodium_memzero(buffer, byteCount)
                buffer.deallocate()
            }
        }

        let bigEndianIndex = withUnsafeBytes(of: blockIndex.bigEndian) { Array($0) }
        let first = key.authenticate(salt + bigEndianIndex)
        first.withUnsafeBytes { firstBytes in
            previous.copyMemory(from: firstBytes.baseAddress!, byteCount: byteCount)
            sum.copyMemory(from: firstBytes.baseAddress!, byteCount: byteCount)
        }

        var current = previous
        var following = next
        let sumWords = sum.assumingMemoryBound(to: UInt64.self)
        for _ in 1..<iterations {
            key.authenticate(
                UnsafeRawBufferPointer(start: current, count: byteCount),
                into: following.assumingMemoryBound(to: UInt8.self)
            )
            let words = following.assumingMemoryBound(to: UInt64.self)
            for word in 0..<wordCount {
                sumWords[word] ^= words[word]
            }
            swap(&current, &following)
        }
        return Array(UnsafeRawBufferPointer(start: sum, count: byteCount))
    }
}
