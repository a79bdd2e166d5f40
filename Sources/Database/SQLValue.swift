import Foundation

/// A bound parameter or column value.
///
/// SQLite stores booleans as INTEGER 0/1, dates as TEXT (see `SQLTimestamp`) and UUIDs as TEXT.
/// PostgreSQL results arrive as `.integer`, `.double`, `.bool` and `.blob` for the matching column
/// types, and as `.text` for everything else (uuid, timestamptz, numeric, json). `Row.decode`
/// converts that text to the Swift type.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case double(Double)
    case text(String)
    case blob([UInt8])
    case bool(Bool)

    /// Encodes a UUID as lower-case text, which a PostgreSQL `uuid` column and a SQLite TEXT column both accept.
    public static func uuid(_ value: UUID) -> SQLValue {
        .text(value.uuidString.lowercased())
    }

    /// Encodes a date as ISO-8601 UTC text with milliseconds, `YYYY-MM-DDTHH:MM:SS.sssZ`.
    ///
    /// The text sorts in time order in SQLite and casts to `timestamptz` in PostgreSQL.
    /// Digits below the millisecond are dropped.
    public static func date(_ value: Date) -> SQLValue {
        .text(SQLTimestamp.format(value))
    }

    /// Encodes an `Int` as `.integer`.
    public static func int(_ value: Int) -> SQLValue {
        .integer(Int64(value))
    }

    /// `.null` for `nil`, otherwise the value's own encoding.
    public static func optional<Value: SQLEncodable>(_ value: Value?) -> SQLValue {
        guard let value else {
            return .null
        }
        return value.sqlValue
    }

    /// true for `.null`.
    public var isNull: Bool {
        if case .null = self {
            return true
        }
        return false
    }
}

extension SQLValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        self = .text(value)
    }
}

extension SQLValue: ExpressibleByStringInterpolation {
    /// Builds `.text` from an interpolated literal such as `"user \(id)"`; the text is one bound value.
    public init(stringInterpolation: DefaultStringInterpolation) {
        self = .text(String(stringInterpolation: stringInterpolation))
    }
}

extension SQLValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) {
        self = .integer(value)
    }
}

extension SQLValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) {
        self = .double(value)
    }
}

extension SQLValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }
}

extension SQLValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) {
        self = .null
    }
}
