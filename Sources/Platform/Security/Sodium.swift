import CSodium

/// Process-wide setup of libsodium.
public enum Sodium {
    /// Runs `sodium_init` exactly once. Swift initializes a `static let` once under a lock, so
    /// concurrent first calls are safe and later calls cost one atomic load.
    private static let initialized: Void = {
        // sodium_init returns 0 on the first call, 1 if already initialized and -1 on failure.
        // It fails only when the system random source cannot be opened, and no primitive here
        // is safe to use without it.
        guard sodium_init() >= 0 else {
            fatalError("sodium_init failed: libsodium could not open the system random source")
        }
    }()

    /// Initializes libsodium if no call has done so yet. Every type in this folder calls it
    /// before using libsodium, so callers need not call it themselves.
    public static func initialize() {
        self.initialized
    }
}
