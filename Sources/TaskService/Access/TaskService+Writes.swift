import Database
import HTTPServer
import Platform

extension TaskService {
    /// Runs `body` in a write transaction and reports a foreign-key violation as `error`.
    ///
    /// The checks inside a transaction read a parent or a blocker before writing a reference to it, but on
    /// PostgreSQL a concurrent transaction can still delete that task before this one commits. The database
    /// then rejects the reference, and the caller gets the response for a missing task instead of a 500.
    func write<T: Sendable>(
        reportingMissingReferenceAs error: HTTPError,
        _ body: @escaping @Sendable (any DatabaseConnection) throws -> T
    ) async throws -> T {
        do {
            return try await self.context.write(body)
        } catch let failure as DatabaseError where failure.code == .foreignKeyViolation {
            Logger.current.warning(
                "A task that a write referenced was deleted concurrently",
                metadata: ["error": failure.debugDescription]
            )
            throw error
        }
    }
}
