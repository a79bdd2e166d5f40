import Foundation
import HTTPServer
import Platform

/// Readers for the field kinds of task bodies, on top of the platform's strict `FieldReader`.
extension FieldReader {
    /// Reads a string field that must be one of `Choice`'s raw values; nil when absent, null or invalid.
    mutating func choice<Choice: RawRepresentable & CaseIterable>(_ field: String, as type: Choice.Type) -> Choice?
    where Choice.RawValue == String {
        guard let text = self.string(field, maxLength: 100) else { return nil }
        guard let choice = Choice(rawValue: text) else {
            let names = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            self.fail(field, "Must be one of: \(names)")
            return nil
        }
        return choice
    }

    /// Records an error when `field` is present as `null`, for fields that may be left out but not cleared.
    mutating func rejectNull(_ field: String) {
        if self.object[field] == .null {
            self.fail(field, "This field may not be null")
        }
    }

    /// Reads a UUID field that may be `null`, as lower-case text.
    mutating func nullableID(_ field: String) -> Patch<String> {
        guard let value = self.object[field] else { return .absent }
        if value == .null { return .null }
        guard let id = self.uuid(field) else { return .absent }
        return .value(id.uuidString.lowercased())
    }

    /// Reads a required UUID field as lower-case text.
    mutating func requiredID(_ field: String) -> String? {
        self.uuid(field, required: true)?.uuidString.lowercased()
    }

    /// Reads a `YYYY-MM-DD` field that may be `null`.
    mutating func nullableDate(_ field: String) -> Patch<String> {
        guard let value = self.object[field] else { return .absent }
        if value == .null { return .null }
        guard let text = self.string(field, maxLength: 10) else { return .absent }
        guard CalendarDate(text) != nil else {
            self.fail(field, "Must be a date in the form YYYY-MM-DD")
            return .absent
        }
        return .value(text)
    }

    /// Reads an integer field within `range` that may be `null`.
    mutating func nullableInteger(_ field: String, range: ClosedRange<Int64>) -> Patch<Int64> {
        guard let value = self.object[field] else { return .absent }
        if value == .null { return .null }
        guard let number = self.integer(field, range: range) else { return .absent }
        return .value(number)
    }

    /// Reads a list of strings, each trimmed and 1 to `maxLength` characters without control characters. Repeats
    /// are removed (the first occurrence keeps its place), and at most `maxCount` items may remain.
    /// `null` reads as an empty list, and nil means the field was absent or invalid.
    mutating func stringList(_ field: String, maxCount: Int, maxLength: Int, itemName: String) -> [String]? {
        guard let value = self.object[field] else { return nil }
        if value == .null { return [] }
        guard case .array(let items) = value else {
            self.fail(field, "Must be a list of strings, not \(value.typeName)")
            return nil
        }
        var result: [String] = []
        var seen = Set<String>()
        for item in items {
            guard case .string(let raw) = item else {
                self.fail(field, "Each \(itemName) must be a string, not \(item.typeName)")
                return nil
            }
            let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard (1...maxLength).contains(text.count) else {
                self.fail(field, "Each \(itemName) must be 1 to \(maxLength) characters")
                return nil
            }
            guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                self.fail(field, "A \(itemName) may not contain control characters")
                return nil
            }
            if seen.insert(text).inserted {
                result.append(text)
            }
        }
        guard result.count <= maxCount else {
            self.fail(field, "At most \(maxCount) distinct \(itemName)s are allowed")
            return nil
        }
        return result
    }
}
