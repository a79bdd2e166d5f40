import CSQLite
import Foundation

/// Extended result codes from sqlite3.h, whose `(SQLITE_CONSTRAINT | (N<<8))` macros Swift does not import.
private let constraintForeignKey = SQLITE_CONSTRAINT | (3 << 8)
private let constraintPrimaryKey = SQLITE_CONSTRAINT | (6 << 8)
private let constraintUnique = SQLITE_CONSTRAINT | (8 << 8)

extension DatabaseError {
    /// Maps an SQLite result code and the connection's last message to a `DatabaseError`.
    ///
    /// `handle` supplies the extended result code and the message; without it the code's
    /// generic text is used.
    static func sqlite(_ result: Int32, handle: OpaquePointer?, function: String, sql: String?) -> DatabaseError {
        let extended = handle.map { sqlite3_extended_errcode($0) } ?? result
        let message =
            handle.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(result))

        var error = DatabaseError(.other, message: message, sql: sql, function: function, nativeCode: String(extended))
        switch extended {
        case constraintUnique, constraintPrimaryKey:
            error.code = .uniqueViolation
            // The message reads "UNIQUE constraint failed: users.email" and may list several columns.
            if let colon = message.range(of: ": ") {
                error.constraint = String(message[colon.upperBound...])
            }
        case constraintForeignKey:
            error.code = .foreignKeyViolation
        default:
            switch extended & 0xff {
            case SQLITE_CONSTRAINT, SQLITE_ERROR, SQLITE_RANGE, SQLITE_MISMATCH, SQLITE_TOOBIG, SQLITE_READONLY:
                error.code = .invalidQuery
            case SQLITE_BUSY, SQLITE_LOCKED:
                error.code = .busy
            case SQLITE_CANTOPEN, SQLITE_NOTADB:
                error.code = .connectionFailed
            default:
                break
            }
        }
        return error
    }
}
