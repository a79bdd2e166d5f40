import CSodium

/// Hashes passwords with Argon2id and verifies them against Argon2id and imported Django hashes.
///
/// Hashing and verifying are blocking calls that take tens of milliseconds of CPU and allocate
/// `memLimit` bytes each (64 MiB by default). Run them on a thread pool, never on an event-loop
/// thread, and bound how many run at once, because each concurrent call allocates its own memory.
public struct PasswordHasher: Sendable {
    /// Argon2id passes (`t`). The default, libsodium's `crypto_pwhash_OPSLIMIT_INTERACTIVE`, is 2.
    public let opsLimit: UInt64
    /// Argon2id memory in bytes (`m` is this divided by 1024). The default, libsodium's
    /// `crypto_pwhash_MEMLIMIT_INTERACTIVE`, is 64 MiB.
    public let memLimit: Int

    /// An Argon2id hash string with this hasher's parameters and a random salt and hash, which
    /// no known password matches. Verifying against it costs the same as verifying a real hash.
    let dummyHash: String

    /// Creates a hasher with Argon2id parameters. The defaults are libsodium's interactive
    /// preset: 2 passes over 64 MiB, with 1 lane as libsodium always uses.
    ///
    /// `opsLimit` must be at least `crypto_pwhash_OPSLIMIT_MIN` (1) and `memLimit` at least
    /// `crypto_pwhash_MEMLIMIT_MIN` (8192 bytes). Values outside libsodium's range stop the
    /// process, because they are a configuration error.
    public init(
        opsLimit: UInt64 = UInt64(crypto_pwhash_OPSLIMIT_INTERACTIVE),
        memLimit: Int = Int(crypto_pwhash_MEMLIMIT_INTERACTIVE)
    ) {
        Sodium.initialize()
        precondition(
            opsLimit >= UInt64(crypto_pwhash_opslimit_min()) && opsLimit <= UInt64(crypto_pwhash_opslimit_max()),
            "PasswordHasher: opsLimit \(opsLimit) is outside libsodium's range"
        )
        precondition(
            memLimit >= crypto_pwhash_memlimit_min() && memLimit <= crypto_pwhash_memlimit_max(),
            "PasswordHasher: memLimit \(memLimit) is outside libsodium's range"
        )
        self.opsLimit = opsLimit
        self.memLimit = memLimit
        self.dummyHash =
            Argon2HashString.prefix
            + "v=19$m=\(memLimit / 1024),t=\(opsLimit),p=1$"
            + SodiumBase64.encode(SecureRandom.bytes(Int(crypto_pwhash_SALTBYTES)), variant: .standardNoPadding)
            + "$"
            + SodiumBase64.encode(SecureRandom.bytes(Digest.sha256ByteCount), variant: .standardNoPadding)
    }

    /// Returns the Argon2id hash of the UTF-8 bytes of `password` as a PHC string such as
    /// `$argon2id$v=19$m=65536,t=2,p=1$<salt>$<hash>`, with a random 16-byte salt.
    ///
    /// Blocking: see the type's documentation. Throws `PasswordError.hashingFailed` if libsodium
    /// fails, which happens when it cannot allocate `memLimit` bytes.
    public func hash(_ password: String) throws(PasswordError) -> String {
        Sodium.initialize()
        // utf8CString ends with a NUL, so even an empty password has a valid pointer. The NUL is
        // not part of the hashed bytes.
        let passwordBytes = password.utf8CString
        var output = [CChar](repeating: 0, count: Int(crypto_pwhash_STRBYTES))
        let status = passwordBytes.withUnsafeBufferPointer { characters in
            crypto_pwhash_argon2id_str(
                &output,
                characters.baseAddress!,
                UInt64(characters.count - 1),
                self.opsLimit,
                self.memLimit
            )
        }
        guard status == 0 else {
            throw .hashingFailed
        }
        return String(decoding: output.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Checks `password` against a stored hash in one of these formats:
    /// - Argon2id (`$argon2id$...`): `.valid`, or `.validNeedsRehash` if its parameters differ
    ///   from this hasher's.
    /// - Django `pbkdf2_sha256$...`, `bcrypt_sha256$$2b$...` and `bcrypt$$2b$...`:
    ///   `.validNeedsRehash`, so that the caller replaces them with Argon2id.
    ///
    /// Returns `.invalid` for a wrong password, an empty hash, a Django unusable password
    /// (starting with `!`), and an unknown or malformed format. It also returns `.invalid` for
    /// a hash whose cost exceeds a cap: `DjangoPasswordHash.maxPBKDF2Iterations`,
    /// `Bcrypt.maxCost`, or for Argon2id the larger of this hasher's parameters and libsodium's
    /// sensitive preset of 4 passes over 1 GiB. Every comparison of secret bytes takes constant time.
    ///
    /// Blocking: see the type's documentation. The time depends on the stored hash's format and
    /// cost, not on the password.
    public func verify(_ password: String, against encoded: String) -> PasswordVerification {
        if encoded.hasPrefix(Argon2HashString.prefix) {
            return self.verifyArgon2id(password, against: encoded)
        }
        let matches =
            if encoded.hasPrefix(DjangoPasswordHash.pbkdf2SHA256Prefix) {
                DjangoPasswordHash.matchesPBKDF2SHA256(password, encoded: encoded)
            } else if encoded.hasPrefix(DjangoPasswordHash.bcryptSHA256Prefix) {
                DjangoPasswordHash.matchesBcryptSHA256(password, encoded: encoded)
            } else if encoded.hasPrefix(DjangoPasswordHash.bcryptPrefix) {
                DjangoPasswordHash.matchesBcrypt(password, encoded: encoded)
            } else {
                // Empty strings, Django's "!" unusable passwords and unknown formats.
                false
            }
        return matches ? .validNeedsRehash : .invalid
    }

    /// Runs a full Argon2id verification of `password` against a hash that never matches, with
    /// this hasher's parameters.
    ///
    /// Call it when a login names an unknown user, so that the response takes about as long as
    /// for a known user with an Argon2id hash of the current parameters, and response times do
    /// not reveal which accounts exist. Blocking, like `verify`.
    public func verifyAgainstDummy(_ password: String) {
        _ = self.verify(password, against: self.dummyHash)
    }

    private func verifyArgon2id(_ password: String, against encoded: String) -> PasswordVerification {
        // libsodium reads the hash as a NUL-terminated string of fewer than crypto_pwhash_STRBYTES
        // bytes, so longer ones and ones with a NUL inside are malformed.
        let encodedBytes = Array(encoded.utf8)
        guard encodedBytes.count < Int(crypto_pwhash_STRBYTES), !encodedBytes.contains(0) else {
            return .invalid
        }
        guard
            let parameters = Argon2HashString(encoded),
            parameters.memoryKiB <= UInt64(max(self.memLimit, Int(crypto_pwhash_MEMLIMIT_SENSITIVE)) / 1024),
            parameters.passes <= max(self.opsLimit, UInt64(crypto_pwhash_OPSLIMIT_SENSITIVE))
        else {
            return .invalid
        }

        // A zero-filled buffer of the full size that libsodium's declarations name.
        var hashString = [CChar](repeating: 0, count: Int(crypto_pwhash_STRBYTES))
        for (index, byte) in encodedBytes.enumerated() {
            hashString[index] = CChar(bitPattern: byte)
        }

        let passwordBytes = password.utf8CString
        let status = passwordBytes.withUnsafeBufferPointer { characters in
            crypto_pwhash_str_verify(hashString, characters.baseAddress!, UInt64(characters.count - 1))
        }
        guard status == 0 else {
            return .invalid
        }
        let needsRehash = crypto_pwhash_str_needs_rehash(hashString, self.opsLimit, self.memLimit)
        return needsRehash == 0 ? .valid : .validNeedsRehash
    }
}
