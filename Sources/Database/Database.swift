/// A pool of connections to one database, safe to share between tasks.
///
/// Every body runs on a dedicated database thread, never on Swift's cooperative thread pool,
/// because the drivers block. A call waits in a FIFO queue until a connection of the right
/// kind is free. Cancelling the calling task does not remove a queued or running body.
public protocol Database: Sendable {
    var dialect: SQLDialect { get }

    /// Runs `body` on a pooled connection, outside any explicit transaction.
    ///
    /// Reads run concurrently. On SQLite the connection is a read-only reader, so writes throw.
    /// Each statement reads the latest committed data. Use `transaction` for a consistent
    /// snapshot across several statements.
    @discardableResult
    func read<T: Sendable>(_ body: @escaping @Sendable (any DatabaseConnection) throws -> T) async throws -> T

    /// Runs `body` in a transaction on a writer connection: commits if it returns and rolls back if it throws.
    ///
    /// SQLite has one writer, so its transactions run one at a time (`BEGIN IMMEDIATE`).
    /// On PostgreSQL, a statement that failed inside `body` aborts the transaction even if `body`
    /// caught the error; the transaction then rolls back and throws.
    @discardableResult
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any DatabaseConnection) throws -> T) async throws -> T

    /// true when a trivial query succeeds.
    func isReachable() async -> Bool

    /// Finishes the queued calls, then closes every connection and stops its thread.
    ///
    /// Calls made after `close` throw `DatabaseError` with code `.connectionFailed`.
    func close() async
}

extension Database {
    public func isReachable() async -> Bool {
        do {
            return try await self.read { connection in
                try connection.queryFirst("SELECT 1") != nil
            }
        } catch {
            return false
        }
    }
}
