import Database
import Foundation
import Platform

/// Decoding of the column types this service stores beyond the driver's own: UUID text, dates and choices.
extension Row {
    /// Decodes a UUID column as lower-case hyphenated text, whatever the dialect returned.
    func decodeID(_ column: String) throws -> String {
        try self.decode(column, as: UUID.self).uuidString.lowercased()
    }

    /// Decodes a nullable UUID column as lower-case text.
    func decodeOptionalID(_ column: String) throws -> String? {
        try self.decode(column, as: UUID?.self)?.uuidString.lowercased()
    }

    /// Decodes a nullable `YYYY-MM-DD` column.
    func decodeCalendarDate(_ column: String) throws -> CalendarDate? {
        guard let text = try self.decode(column, as: String?.self) else { return nil }
        guard let date = CalendarDate(text) else {
            throw DatabaseError(.decodingFailed, message: "column \"\(column)\" is not a YYYY-MM-DD date")
        }
        return date
    }

    /// Decodes a text column that contains one of `Choice`'s raw values.
    func decodeChoice<Choice: RawRepresentable>(_ column: String, as type: Choice.Type) throws -> Choice
    where Choice.RawValue == String {
        let text = try self.decode(column, as: String.self)
        guard let choice = Choice(rawValue: text) else {
            throw DatabaseError(
                .decodingFailed,
                message: "column \"\(column)\" contains a value outside \(Choice.self)"
            )
        }
        return choice
    }
}

extension SQLValue {
    /// Encodes a date as `YYYY-MM-DD` text, or NULL.
    static func calendarDate(_ date: CalendarDate?) -> SQLValue {
        date.map { .text($0.description) } ?? .null
    }

    /// Encodes text, or NULL.
    static func optionalText(_ text: String?) -> SQLValue {
        text.map { .text($0) } ?? .null
    }
}
