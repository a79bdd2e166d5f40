/// Failure to hash a password.
///
/// `description` is a fixed sentence that never contains the password.
public struct PasswordError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Sendable, Equatable {
        case hashingFailed
    }

    private let code: Code

    private init(_ code: Code) {
        self.code = code
    }

    /// libsodium could not compute the hash, which in practice means it could not allocate
    /// the `memLimit` bytes that Argon2id needs.
    public static let hashingFailed = PasswordError(.hashingFailed)

    public var description: String {
        switch self.code {
        case .hashingFailed: "Password hashing failed, most likely because memory could not be allocated."
        }
    }
}
