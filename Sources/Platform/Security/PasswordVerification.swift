/// Result of checking a password against a stored hash.
public enum PasswordVerification: Sendable, Equatable {
    /// The password does not match, or the stored hash is unusable, malformed or of an unknown format.
    case invalid
    /// The password matches a hash made with the hasher's current algorithm and parameters.
    case valid
    /// The password matches, but the hash uses an older algorithm or other parameters. Store
    /// `PasswordHasher.hash(password)` in its place while the plaintext is at hand.
    case validNeedsRehash
}
