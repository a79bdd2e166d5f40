/// An error from a database driver, a query or the decoding of a row.
///
/// `description` is generic and safe to show to users: it contains no SQL text and no values.
/// `debugDescription` is for logs: it adds the driver's message, the SQL text and the C function
/// that failed. The driver's message can contain values from the query (for example, PostgreSQL
/// names the input that a type rejected), so treat it like the data itself.
public struct DatabaseError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The kind of failure, as a struct so that new kinds can be added without breaking a `switch`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String, Hashable, Sendable {
            case uniqueViolation
            case foreignKeyViolation
            case connectionFailed
            case decodingFailed
            case busy
            case invalidQuery
            case other
        }

        private let kind: Kind

        private init(_ kind: Kind) {
            self.kind = kind
        }

        /// An insert or update would duplicate a value under a unique or primary-key constraint.
        public static let uniqueViolation = Code(.uniqueViolation)
        /// A row references a missing parent row, or a parent row is still referenced.
        public static let foreignKeyViolation = Code(.foreignKeyViolation)
        /// The connection could not be opened, was lost, or the database is closed.
        public static let connectionFailed = Code(.connectionFailed)
        /// A column is missing or its value cannot be converted to the requested Swift type.
        public static let decodingFailed = Code(.decodingFailed)
        /// A lock, serialization failure or deadlock stopped the statement; retrying can succeed.
        public static let busy = Code(.busy)
        /// The database rejected the SQL text or a bound value (syntax, unknown name, bad input).
        public static let invalidQuery = Code(.invalidQuery)
        /// Any other failure.
        public static let other = Code(.other)

        public var description: String {
            self.kind.rawValue
        }
    }

    public var code: Code
    /// For unique violations, the constraint name (PostgreSQL) or the `table.column` list (SQLite).
    public var constraint: String?
    /// The driver's own message, or this module's message for failures it detects itself.
    public var message: String
    /// The SQL text that failed, if the failure belongs to a statement.
    public var sql: String?
    /// The C function that reported the failure, such as `sqlite3_step` or `PQexecPrepared`.
    public var function: String?
    /// The driver's error code: the SQLSTATE on PostgreSQL, the extended result code on SQLite.
    public var nativeCode: String?

    public init(
        _ code: Code,
        message: String,
        sql: String? = nil,
        function: String? = nil,
        nativeCode: String? = nil,
        constraint: String? = nil
    ) {
        self.code = code
        self.message = message
        self.sql = sql
        self.function = function
        self.nativeCode = nativeCode
        self.constraint = constraint
    }

    public var description: String {
        switch self.code {
        case .uniqueViolation: "Database error: a record with the same unique value already exists."
        case .foreignKeyViolation:
            "Database error: the operation references a record that does not exist, or removes one that is still referenced."
        case .connectionFailed: "Database error: the database is unavailable."
        case .decodingFailed: "Database error: a stored value could not be read."
        case .busy: "Database error: the database is busy; retry the request."
        case .invalidQuery: "Database error: the database rejected the query."
        default: "Database error: the database operation failed."
        }
    }

    public var debugDescription: String {
        var text = "DatabaseError.\(self.code)"
        if let function = self.function {
            text += " in \(function)"
        }
        if let nativeCode = self.nativeCode {
            text += " [\(nativeCode)]"
        }
        text += ": \(self.message)"
        if let constraint = self.constraint {
            text += " (constraint: \(constraint))"
        }
        if let sql = self.sql {
            text += "; SQL: \(sql)"
        }
        return text
    }
}

extension DatabaseError {
    /// The error for a job submitted after `close()`, or a connection that was already closed.
    static let closed = DatabaseError(.connectionFailed, message: "the database is closed")
}
