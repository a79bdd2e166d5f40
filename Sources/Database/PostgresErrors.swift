import CLibPQ

/// Error field codes from postgres_ext.h, whose character-literal macros Swift does not import.
private let diagnosticSQLState = Int32(UInt8(ascii: "C"))
private let diagnosticPrimaryMessage = Int32(UInt8(ascii: "M"))
private let diagnosticConstraintName = Int32(UInt8(ascii: "n"))

extension DatabaseError {
    /// Maps a failed PostgreSQL result to a `DatabaseError` by its SQLSTATE.
    ///
    /// Without a result, or without a SQLSTATE, the connection's own message is used, and a
    /// connection that is no longer `CONNECTION_OK` gives `.connectionFailed`.
    static func postgres(
        result: OpaquePointer?,
        connection: OpaquePointer?,
        function: String,
        sql: String?
    ) -> DatabaseError {
        let sqlState = result.flatMap { PQresultErrorField($0, diagnosticSQLState) }.map { String(cString: $0) }
        let primary = result.flatMap { PQresultErrorField($0, diagnosticPrimaryMessage) }.map { String(cString: $0) }
        let fallback = connection.flatMap { PQerrorMessage($0) }.map {
            PostgresConnectionSettings.trimmed(String(cString: $0))
        }
        let message = primary ?? fallback ?? "unknown PostgreSQL error"

        var error = DatabaseError(
            self.code(forSQLState: sqlState),
            message: message,
            sql: sql,
            function: function,
            nativeCode: sqlState
        )
        if error.code == .uniqueViolation || error.code == .foreignKeyViolation {
            error.constraint = result.flatMap { PQresultErrorField($0, diagnosticConstraintName) }.map {
                String(cString: $0)
            }
        }
        if let connection, PQstatus(connection) != CONNECTION_OK {
            error.code = .connectionFailed
        }
        return error
    }

    /// Returns the code for a SQLSTATE, whose classes the PostgreSQL manual lists in appendix A, "PostgreSQL Error Codes".
    static func code(forSQLState sqlState: String?) -> Code {
        guard let sqlState else {
            return .other
        }
        switch sqlState {
        case "23505":
            return .uniqueViolation
        case "23503":
            return .foreignKeyViolation
        case "40001", "40P01", "55P03":
            // serialization_failure, deadlock_detected, lock_not_available: a retry can succeed.
            return .busy
        case "57P01", "57P02", "57P03", "53300":
            // admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections.
            return .connectionFailed
        default:
            break
        }
        switch sqlState.prefix(2) {
        case "08":
            return .connectionFailed
        case "42", "22", "23", "0A":
            // Syntax error or access rule violation, data exception, other integrity constraints,
            // feature not supported: the query or its values are at fault.
            return .invalidQuery
        default:
            return .other
        }
    }
}
