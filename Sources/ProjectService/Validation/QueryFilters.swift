import Foundation
import HTTPServer
import Platform

/// Checked filters from a list request's query string.
enum QueryFilters {
    /// Returns the value of `name` as one of `Choice`'s raw values, or nil when absent.
    ///
    /// - Throws: `400 VALIDATION_ERROR` naming the allowed values.
    static func choice<Choice: CaseIterable & RawRepresentable>(
        _ name: String,
        in query: [String: String],
        as type: Choice.Type
    ) throws(HTTPError) -> Choice? where Choice.RawValue == String {
        guard let text = query[name] else { return nil }
        guard let choice = Choice(rawValue: text) else {
            throw HTTPError.invalidField(
                name,
                "Unknown value \"\(text)\"; use one of: \(Choice.rawValues.joined(separator: ", "))"
            )
        }
        return choice
    }

    /// Returns the value of `name` as a lower-case UUID, or nil when absent.
    static func id(_ name: String, in query: [String: String]) throws(HTTPError) -> String? {
        guard let text = query[name] else { return nil }
        guard let id = UUID(uuidString: text) else { throw HTTPError.invalidField(name, "Must be a valid UUID") }
        return id.uuidString.lowercased()
    }

    /// Returns a `LIKE` pattern matching `search` anywhere in lower-cased text, with `\` escaping `%`, `_` and `\`; nil
    /// when absent or blank.
    ///
    /// - Throws: `400 VALIDATION_ERROR` above 200 characters or with a NUL character, which PostgreSQL text
    ///   cannot store.
    static func searchPattern(in query: [String: String]) throws(HTTPError) -> String? {
        guard let text = query["search"]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
            return nil
        }
        guard text.count <= 200 else { throw HTTPError.invalidField("search", "Must be at most 200 characters") }
        guard !text.unicodeScalars.contains("\0") else {
            throw HTTPError.invalidField("search", "Must not contain the NUL character")
        }
        var escaped = ""
        for character in Search.fold(text) {
            if character == "%" || character == "_" || character == "\\" {
                escaped.append("\\")
            }
            escaped.append(character)
        }
        return "%" + escaped + "%"
    }
}

/// The folding of names for search and name ordering, stored in `name_folded` columns.
enum Search {
    static func fold(_ text: String) -> String {
        text.lowercased()
    }
}
