import CSodium

/// Process-wide setup of libsodium.
public enum Sodium {
    /// Result of the one `sodium_init` call. Swift runs a `static let` initializer once, even
    /// when several threads read it first at the same time.
    private static let initialized: Void = {
        // sodium_init returns 0 on the first call, 1 if already initialized and -1 on failure.
        // Nothing here is safe to use after a failure, so the process stops.
        guard sodium_init() >= 0 else {
            fatalError("sodium_init failed, so libsodium cannot be used")
        }
    }()

    /// Initializes libsodium if no call has done so yet. Every type in this folder calls it
    /// before using libsodium, so callers need not call it themselves.
    public static func initialize() {
        self.initialized
    }
}
