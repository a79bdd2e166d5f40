import Synchronization

/// For each user, the instant before which their access tokens are no longer accepted.
///
/// Filled at start-up from the auth service's records and then from `user.tokens_revoked` events, so every
/// service in a process rejects a revoked token as soon as the event reaches it.
public final class TokenRevocations: Sendable {
    /// User id to milliseconds since 1970.
    private let validAfter = Mutex<[String: Int64]>([:])

    public init() {}

    /// Rejects the user's tokens issued before `milliseconds`; an earlier instant never replaces a later one.
    public func revoke(userID: String, issuedBefore milliseconds: Int64) {
        self.validAfter.withLock { table in
            if (table[userID] ?? 0) < milliseconds {
                table[userID] = milliseconds
            }
        }
    }

    /// True when a token of `userID` issued at `issuedAtMilliseconds` has been revoked.
    public func isRevoked(userID: String, issuedAtMilliseconds: Int64) -> Bool {
        guard let after = self.validAfter.withLock({ $0[userID] }) else { return false }
        return issuedAtMilliseconds < after
    }
}
