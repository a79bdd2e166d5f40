/// A driver connection that a `ConnectionPool` worker thread owns.
///
/// Instances stay on their worker thread, but the type itself is used in `Sendable` job closures.
protocol PooledConnection: AnyObject, DatabaseConnection, SendableMetatype {
    /// Makes the connection ready for the next job, reconnecting if it was lost.
    func prepareForJob() throws

    /// Runs `body` between BEGIN and COMMIT, rolling back if it throws.
    func runTransaction<T>(_ body: (any DatabaseConnection) throws -> T) throws -> T

    /// Releases the driver connection; the worker calls it once, when it stops.
    func close()
}

/// Moves a value that is not `Sendable` to another thread.
///
/// Invariant: the sender gives up the value when it builds the box, so only the receiving
/// thread uses it from then on.
struct TransferredValue<Value>: @unchecked Sendable {
    let value: Value
}
