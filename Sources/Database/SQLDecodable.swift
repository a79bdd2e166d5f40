import Foundation

/// A Swift type that `Row.decode` can produce from a column value.
///
/// Conformances throw `DatabaseError` with code `.decodingFailed` when the value does not fit.
/// Non-optional types reject NULL, and `Optional` maps NULL to nil.
public protocol SQLDecodable {
    init(sqlValue: SQLValue) throws
}

extension SQLValue {
    /// Builds the error for a value that does not convert to `type`, naming the value's kind but not its content.
    func mismatch(_ type: Any.Type) -> DatabaseError {
        let kind: String =
            switch self {
            case .null: "NULL"
            case .integer: "an integer"
            case .double: "a double"
            case .text: "text"
            case .blob: "a blob"
            case .bool: "a boolean"
            }
        return DatabaseError(.decodingFailed, message: "cannot decode \(kind) as \(type)")
    }
}

extension String: SQLDecodable {
    public init(sqlValue: SQLValue) throws {
        guard case .text(let text) = sqlValue else {
            throw sqlValue.mismatch(String.self)
        }
        self = text
    }
}

extension Int64: SQLDecodable {
    /// Accepts integers, and text of a decimal integer (PostgreSQL returns `numeric` and untyped parameters as text).
    public init(sqlValue: SQLValue) throws {
        switch sqlValue {
        case .integer(let value):
            self = value
        case .text(let text):
            guard let value = Int64(text) else {
                throw sqlValue.mismatch(Int64.self)
            }
            self = value
        default:
            throw sqlValue.mismatch(Int64.self)
        }
    }
}

extension Int: SQLDecodable {
    public init(sqlValue: SQLValue) throws {
        let wide = try Int64(sqlValue: sqlValue)
        guard let value = Int(exactly: wide) else {
            throw sqlValue.mismatch(Int.self)
        }
        self = value
    }
}

extension Double: SQLDecodable {
    /// Accepts doubles, integers, and decimal text (PostgreSQL `numeric` arrives as text).
    public init(sqlValue: SQLValue) throws {
        switch sqlValue {
        case .double(let value):
            self = value
        case .integer(let value):
            self = Double(value)
        case .text(let text):
            guard let value = Double(text) else {
                throw sqlValue.mismatch(Double.self)
            }
            self = value
        default:
            throw sqlValue.mismatch(Double.self)
        }
    }
}

extension Bool: SQLDecodable {
    /// Accepts booleans, the integers 0 and 1 (SQLite), and the text `t`/`f`, `true`/`false`, `1`/`0`.
    public init(sqlValue: SQLValue) throws {
        switch sqlValue {
        case .bool(let value):
            self = value
        case .integer(0):
            self = false
        case .integer(1):
            self = true
        case .text("t"), .text("true"), .text("1"):
            self = true
        case .text("f"), .text("false"), .text("0"):
            self = false
        default:
            throw sqlValue.mismatch(Bool.self)
        }
    }
}

extension UUID: SQLDecodable {
    /// Accepts UUID text in either case, and a 16-byte blob.
    public init(sqlValue: SQLValue) throws {
        switch sqlValue {
        case .text(let text):
            guard let value = UUID(uuidString: text) else {
                throw sqlValue.mismatch(UUID.self)
            }
            self = value
        case .blob(let bytes) where bytes.count == 16:
            self = UUID(
                uuid: (
                    bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                    bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
                )
            )
        default:
            throw sqlValue.mismatch(UUID.self)
        }
    }
}

extension Date: SQLDecodable {
    /// Accepts the timestamp text forms that `SQLTimestamp` reads, and numbers as seconds since 1970.
    public init(sqlValue: SQLValue) throws {
        switch sqlValue {
        case .text(let text):
            guard let value = SQLTimestamp.parse(text) else {
                throw sqlValue.mismatch(Date.self)
            }
            self = value
        case .integer(let seconds):
            self = Date(timeIntervalSince1970: Double(seconds))
        case .double(let seconds):
            self = Date(timeIntervalSince1970: seconds)
        default:
            throw sqlValue.mismatch(Date.self)
        }
    }
}

extension Array: SQLDecodable where Element == UInt8 {
    public init(sqlValue: SQLValue) throws {
        guard case .blob(let bytes) = sqlValue else {
            throw sqlValue.mismatch([UInt8].self)
        }
        self = bytes
    }
}

extension SQLValue: SQLDecodable {
    public init(sqlValue: SQLValue) throws {
        self = sqlValue
    }
}

extension Optional: SQLDecodable where Wrapped: SQLDecodable {
    public init(sqlValue: SQLValue) throws {
        if case .null = sqlValue {
            self = .none
        } else {
            self = .some(try Wrapped(sqlValue: sqlValue))
        }
    }
}
