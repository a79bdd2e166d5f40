import CCrypt
import CSodium

/// bcrypt verification through libxcrypt's `crypt_rn`.
enum Bcrypt {
    /// Number of password bytes that bcrypt uses. It ignores every byte after the 72nd.
    static let maxPasswordLength = 72

    /// Highest accepted cost factor. The work doubles with each step, so cost 16 takes 16 times
    /// as long as Django's default of 12: about 3 s, from 0.2 s measured at cost 12 in a release
    /// build on a 2-core AMD EPYC. A higher cost in a stored or imported hash is rejected, so
    /// that one such hash cannot make each login attempt take minutes.
    static let maxCost = 16

    private static let prefixes = ["$2a$", "$2b$", "$2y$"]
    /// Length of a bcrypt hash: 4 prefix bytes, 2 cost digits, `$`, 22 salt and 31 hash characters.
    private static let encodedLength = 60
    private static let alphabet = Set("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// Returns whether `password` matches `encoded`, a bcrypt hash such as `$2b$12$...`.
    ///
    /// Returns false for a malformed hash, a cost above `maxCost`, and a password that contains a
    /// NUL byte, because `crypt_rn` takes a C string and would ignore everything after the NUL.
    /// Only the first 72 bytes of `password` count, as in every bcrypt implementation.
    static func matches(password: some Collection<UInt8>, encoded: some StringProtocol) -> Bool {
        Sodium.initialize()
        let encodedBytes = Array(encoded.utf8)
        guard self.isWellFormed(encodedBytes), !password.contains(0) else {
            return false
        }

        let phrase = Array(password.prefix(self.maxPasswordLength)).map { CChar(bitPattern: $0) } + [0]
        let setting = encodedBytes.map { CChar(bitPattern: $0) } + [0]

        // crypt_rn keeps all its state in this caller-owned area, which makes it thread-safe.
        // crypt.h requires the area to be zeroed before its first use.
        let size = MemoryLayout<crypt_data>.size
        let data = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: MemoryLayout<crypt_data>.alignment)
        data.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        defer {
            sodium_memzero(data, size)
            data.deallocate()
        }

        guard let output = crypt_rn(phrase, setting, data, Int32(size)) else {
            return false
        }
        let computed = Array(String(cString: output).utf8)
        return Digest.constantTimeEquals(computed, encodedBytes)
    }

    /// Checks the prefix, the cost range 4 to `maxCost`, the length and the alphabet.
    private static func isWellFormed(_ encoded: [UInt8]) -> Bool {
        guard
            encoded.count == self.encodedLength,
            self.prefixes.contains(where: { encoded.starts(with: $0.utf8) }),
            encoded[6] == UInt8(ascii: "$")
        else {
            return false
        }

        let costDigits = encoded[4..<6]
        guard costDigits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return false
        }
        let cost = Int(costDigits.first! - UInt8(ascii: "0")) * 10 + Int(costDigits.last! - UInt8(ascii: "0"))
        guard (4...self.maxCost).contains(cost) else {
            return false
        }
        return encoded[7...].allSatisfy { self.alphabet.contains($0) }
    }
}
