import Database
import Foundation
import HTTPServer

/// Timestamps in the API's form, `2026-12-04T19:22:36.123Z`, kept as text from the database to the JSON.
///
/// SQLite stores exactly this text, so it passes through undecoded; PostgreSQL's `timestamptz` output is
/// converted once when a row is read.
enum TaskClock {
    /// Returns the current instant, to the millisecond.
    static func now() -> String {
        self.format(Date())
    }

    /// Formats `date` the way `SQLValue.date` binds it, which rounds to the microsecond before cutting to the
    /// millisecond, so a value read back from the database formats to the text that was written.
    static func format(_ date: Date) -> String {
        guard case .text(let text) = SQLValue.date(date) else { return "" }
        return text
    }
}

/// Decoding of the column types this service stores beyond the driver's own.
extension Row {
    /// Decodes a UUID column as text. Both dialects return the lower-case form this service writes.
    func decodeID(_ column: String) throws -> String {
        try self.decode(column, as: String.self)
    }

    /// Decodes a nullable UUID column as text.
    func decodeOptionalID(_ column: String) throws -> String? {
        try self.decode(column, as: String?.self)
    }

    /// Decodes a timestamp column in the API's form.
    func decodeTimestamp(_ column: String) throws -> String {
        let text = try self.decode(column, as: String.self)
        if text.utf8.count == 24, text.utf8.last == UInt8(ascii: "Z") {
            return text
        }
        return TaskClock.format(try self.decode(column, as: Date.self))
    }

    /// Decodes a nullable timestamp column in the API's form.
    func decodeOptionalTimestamp(_ column: String) throws -> String? {
        if self[column]?.isNull == true {
            return nil
        }
        return try self.decodeTimestamp(column)
    }

    /// Decodes a text column that contains one of `Choice`'s raw values.
    func decodeChoice<Choice: RawRepresentable>(_ column: String, as type: Choice.Type) throws -> Choice
    where Choice.RawValue == String {
        let text = try self.decode(column, as: String.self)
        guard let choice = Choice(rawValue: text) else {
            throw DatabaseError(.decodingFailed, message: "column \"\(column)\" contains an unknown value")
        }
        return choice
    }

    /// Decodes a text column that contains a JSON array of strings, as `labels` and `checklist` are stored.
    func decodeStringList(_ column: String) throws -> [String] {
        let text = try self.decode(column, as: String.self)
        guard case .array(let items)? = try? JSONParser().parse(Array(text.utf8)) else {
            throw DatabaseError(.decodingFailed, message: "column \"\(column)\" is not a JSON array")
        }
        return items.compactMap { item in
            guard case .string(let value) = item else { return nil }
            return value
        }
    }
}

extension SQLValue {
    /// Returns text, or NULL for nil.
    static func optionalText(_ text: String?) -> SQLValue {
        text.map { .text($0) } ?? .null
    }

    /// Returns an integer, or NULL for nil.
    static func optionalInteger(_ value: Int64?) -> SQLValue {
        value.map { .integer($0) } ?? .null
    }

    /// Encodes a list of strings as the JSON array text stored in `labels` and `checklist`.
    static func stringList(_ values: [String]) -> SQLValue {
        .text(String(decoding: JSONValue.array(values.map { .string($0) }).serialized(), as: UTF8.self))
    }
}
