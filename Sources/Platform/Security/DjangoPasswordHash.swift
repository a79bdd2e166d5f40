/// Checks passwords against hashes from Django's password hashers (Django 5.2's
/// `django.contrib.auth.hashers`), so that users imported from a Django site can log in.
enum DjangoPasswordHash {
    /// Prefix of `PBKDF2PasswordHasher` hashes: `pbkdf2_sha256$<iterations>$<salt>$<base64 hash>`.
    static let pbkdf2SHA256Prefix = "pbkdf2_sha256$"
    /// Prefix of `BCryptSHA256PasswordHasher` hashes: `bcrypt_sha256$` followed by a bcrypt hash.
    static let bcryptSHA256Prefix = "bcrypt_sha256$"
    /// Prefix of `BCryptPasswordHasher` hashes: `bcrypt$` followed by a bcrypt hash.
    static let bcryptPrefix = "bcrypt$"

    /// Highest accepted PBKDF2 iteration count, ten times Django 5.2's default of 1,000,000.
    /// A hash with more is rejected, so that one imported hash cannot make each login attempt
    /// take minutes. At the cap a verification takes about 4 s, from 0.41 s per million
    /// iterations measured in a release build on a 2-core AMD EPYC.
    static let maxPBKDF2Iterations = 10_000_000

    /// Django's PBKDF2 output length: the SHA-256 digest size, because it passes no dklen.
    private static let pbkdf2KeyLength = 32

    /// Returns whether `password` matches a `pbkdf2_sha256$...` hash. A malformed hash, an
    /// iteration count outside 1 to `maxPBKDF2Iterations`, or a hash that does not decode to
    /// 32 bytes of padded standard base64 returns false.
    static func matchesPBKDF2SHA256(_ password: String, encoded: String) -> Bool {
        let fields = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count == 4, fields[0] == self.pbkdf2SHA256Prefix.dropLast() else {
            return false
        }

        // Django writes the count with "%d". Up to 8 digits covers maxPBKDF2Iterations and keeps
        // Int parsing far from overflow.
        let iterationDigits = fields[1]
        guard
            (1...8).contains(iterationDigits.utf8.count),
            iterationDigits.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let iterations = Int(iterationDigits),
            (1...self.maxPBKDF2Iterations).contains(iterations)
        else {
            return false
        }

        let salt = fields[2]
        guard
            !salt.isEmpty,
            let expected = SodiumBase64.decode(fields[3], variant: .standard),
            expected.count == self.pbkdf2KeyLength
        else {
            return false
        }

        let derived = PBKDF2.sha256(
            password: Array(password.utf8),
            salt: Array(salt.utf8),
            iterations: iterations,
            keyLength: self.pbkdf2KeyLength
        )
        return Digest.constantTimeEquals(derived, expected)
    }

    /// Returns whether `password` matches a `bcrypt_sha256$$2b$...` hash. Django hashes the
    /// password with SHA-256 first and gives bcrypt the 64 lowercase hex digits, which avoids
    /// bcrypt's 72-byte limit.
    static func matchesBcryptSHA256(_ password: String, encoded: String) -> Bool {
        guard encoded.hasPrefix(self.bcryptSHA256Prefix) else {
            return false
        }
        let bcryptHash = encoded.dropFirst(self.bcryptSHA256Prefix.count)
        return Bcrypt.matches(password: Digest.sha256Hex(password).utf8, encoded: bcryptHash)
    }

    /// Returns whether `password` matches a `bcrypt$$2b$...` hash of the raw password.
    ///
    /// NOTE: bcrypt uses only the first 72 bytes, so a longer password matches any password with
    /// the same first 72 bytes. Old Python bcrypt releases truncated the same way when the hash
    /// was made. bcrypt 5 raises an error for longer passwords instead, so Django 5.2 with it
    /// fails where this returns true.
    static func matchesBcrypt(_ password: String, encoded: String) -> Bool {
        guard encoded.hasPrefix(self.bcryptPrefix) else {
            return false
        }
        let bcryptHash = encoded.dropFirst(self.bcryptPrefix.count)
        return Bcrypt.matches(password: password.utf8, encoded: bcryptHash)
    }
}
