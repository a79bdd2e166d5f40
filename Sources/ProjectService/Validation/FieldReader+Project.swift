import Foundation
import HTTPServer
import Platform

/// Field types of this service's request bodies.
extension FieldReader {
    /// Reads a name or title: trimmed, 1 to `maxLength` characters, and without control characters such as line
    /// breaks, which have no place in a one-line label.
    mutating func name(_ field: String, required: Bool, maxLength: Int = 200) -> String? {
        guard let text = self.string(field, required: required, minLength: 1, maxLength: maxLength, trim: true) else {
            return nil
        }
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            self.fail(field, "Must not contain control characters such as line breaks")
            return nil
        }
        return text
    }

    /// Reads `description`: up to `ProjectDraft.maxDescriptionLength` characters, left out, cleared with `null`,
    /// or set. The NUL character is rejected because PostgreSQL text cannot store it.
    mutating func description() -> Patch<String> {
        let patch = self.nullableString("description", maxLength: ProjectDraft.maxDescriptionLength)
        if case .value(let text) = patch, text.unicodeScalars.contains("\0") {
            self.fail("description", "Must not contain the NUL character (\\u0000)")
            return .absent
        }
        return patch
    }

    /// Reads a `YYYY-MM-DD` date that may be left out, cleared with `null`, or set.
    mutating func calendarDate(_ field: String) -> Patch<CalendarDate> {
        switch self.nullableString(field, maxLength: 10) {
        case .absent: return .absent
        case .null: return .null
        case .value(let text):
            guard let date = CalendarDate(text) else {
                self.fail(field, "Must be a date in the form YYYY-MM-DD, such as 2026-12-31")
                return .absent
            }
            return .value(date)
        }
    }

    /// Reads a UUID that may be left out, cleared with `null`, or set, and returns it lower-cased.
    mutating func nullableID(_ field: String) -> Patch<String> {
        switch self.nullableString(field, maxLength: 36) {
        case .absent: return .absent
        case .null: return .null
        case .value(let text):
            guard let id = UUID(uuidString: text) else {
                self.fail(field, "Must be a valid UUID")
                return .absent
            }
            return .value(id.uuidString.lowercased())
        }
    }

    /// Reads one of `Choice`'s raw values; nil when absent, null or invalid (which records an error).
    mutating func choice<Choice: CaseIterable & RawRepresentable>(
        _ field: String,
        as type: Choice.Type,
        required: Bool = false
    ) -> Choice? where Choice.RawValue == String {
        guard let text = self.string(field, required: required, maxLength: 50) else { return nil }
        guard let choice = Choice(rawValue: text) else {
            self.fail(field, "Must be one of: \(Choice.rawValues.joined(separator: ", "))")
            return nil
        }
        return choice
    }
}

extension Patch {
    /// Returns the value after applying the patch to `current`.
    func applied(to current: Value?) -> Value? {
        switch self {
        case .absent: current
        case .null: nil
        case .value(let value): value
        }
    }

    /// The value when set, nil when absent or null.
    var value: Value? {
        if case .value(let value) = self { return value }
        return nil
    }

    var isAbsent: Bool {
        if case .absent = self { return true }
        return false
    }
}
