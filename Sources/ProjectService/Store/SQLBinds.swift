import Database
import Foundation

/// The binds of a statement assembled in parts; each `bind` returns the next `$n` placeholder.
struct SQLBinds {
    private(set) var values: [SQLValue] = []

    /// Appends `value` and returns its placeholder.
    mutating func bind(_ value: SQLValue) -> String {
        self.values.append(value)
        return "$\(self.values.count)"
    }

    /// Returns a condition that `column`, a UUID column, equals one of `ids`.
    ///
    /// The list goes in one bind, so the statement text, and with it the prepared statement, is the same for
    /// any number of ids: a JSON array read by `json_each` on SQLite, an array literal on PostgreSQL. An empty
    /// list matches nothing. Every id must be a lower-case UUID, as `IDList.valid` returns.
    mutating func uuidIn(_ column: String, _ ids: [String], dialect: SQLDialect) -> String {
        switch dialect {
        case .sqlite:
            let json = "[" + ids.map { "\"\($0)\"" }.joined(separator: ",") + "]"
            return "\(column) IN (SELECT value FROM json_each(\(self.bind(.text(json)))))"
        case .postgres:
            let array = "{" + ids.joined(separator: ",") + "}"
            return "\(column) = ANY(\(self.bind(.text(array)))::uuid[])"
        }
    }
}

/// Ids received from other services or clients, checked before they reach SQL.
enum IDList {
    /// Returns the valid UUIDs of `ids`, lower-cased and without repeats, in their first order. Others are
    /// dropped, because a malformed id matches no row and PostgreSQL rejects it in a `uuid` comparison.
    static func valid(_ ids: [String]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for id in ids {
            guard let uuid = UUID(uuidString: id) else { continue }
            let text = uuid.uuidString.lowercased()
            if seen.insert(text).inserted {
                result.append(text)
            }
        }
        return result
    }
}
