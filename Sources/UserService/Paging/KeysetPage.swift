import Database
import Foundation
import HTTPServer
import Platform

/// A field that a list can be ordered by, under its public name and its SQL column.
struct SortField: Sendable {
    enum Kind: Sendable {
        /// A timestamp column; cursors carry its value as whole milliseconds since 1970.
        case timestamp
        /// A non-null text column, compared with the database's collation.
        case text
    }

    /// The name clients pass in `ordering`, such as `created_at`.
    let name: String
    /// The qualified column, such as `g.created_at`.
    let column: String
    let kind: Kind
}

/// The sort value of one row, which becomes the key of the next page's cursor.
enum SortKey: Sendable {
    case timestamp(Date)
    case text(String)
}

/// One page of a list request, read from its `limit`, `cursor` and `ordering` query parameters.
///
/// Paging is keyset-based on (sort column, row id), so the cost of a page does not grow with its depth. A cursor
/// records the ordering it was made for, and using it with another ordering is a `400`.
struct KeysetPage: Sendable {
    let field: SortField
    let descending: Bool
    /// The qualified id column that breaks ties between equal sort values, such as `g.id`.
    let idColumn: String
    /// The page size, 1–200.
    let limit: Int
    private let afterKey: SQLValue?
    private let afterID: String?

    /// Reads the page from `query`.
    ///
    /// - Parameter fields: the fields this list can be ordered by; `-name` orders by `name` descending.
    /// - Throws: `400 VALIDATION_ERROR` for a bad `limit`, an unknown `ordering`, or a cursor that this server
    ///   did not make for this ordering.
    init(query: [String: String], fields: [SortField], defaultOrdering: String, idColumn: String) throws(HTTPError) {
        let request = try PageRequest(query: query)

        var ordering = query["ordering"] ?? ""
        if ordering.isEmpty {
            ordering = defaultOrdering
        }
        let descending = ordering.hasPrefix("-")
        let name = descending ? String(ordering.dropFirst()) : ordering
        guard let field = fields.first(where: { $0.name == name }) else {
            let choices = fields.flatMap { [$0.name, "-" + $0.name] }.joined(separator: ", ")
            throw HTTPError.invalidField("ordering", "Unknown ordering field; use one of: \(choices)")
        }

        self.field = field
        self.descending = descending
        self.idColumn = idColumn
        self.limit = request.limit

        if let after = request.after {
            guard let key = Self.decodeKey(after.key, ordering: ordering, kind: field.kind) else {
                throw HTTPError.invalidField(
                    "cursor",
                    "Invalid cursor for this ordering; pass meta.next_cursor from the previous page with the same ordering"
                )
            }
            self.afterKey = key
            self.afterID = after.id.lowercased()
        } else {
            self.afterKey = nil
            self.afterID = nil
        }
    }

    /// The ordering as clients write it, such as `-created_at`.
    var ordering: String {
        (self.descending ? "-" : "") + self.field.name
    }

    /// The number of rows to fetch: one more than the page size, which shows whether another page follows.
    var fetchCount: Int {
        self.limit + 1
    }

    /// The `ORDER BY` list, without the keywords.
    var orderByClause: String {
        let direction = self.descending ? "DESC" : "ASC"
        return "\(self.field.column) \(direction), \(self.idColumn) \(direction)"
    }

    /// Returns the condition that starts the page after the cursor's row, or nil on the first page.
    func afterCondition(binds: inout SQLBinds) -> String? {
        guard let afterKey = self.afterKey, let afterID = self.afterID else { return nil }
        let key = binds.add(afterKey)
        let id = binds.add(.text(afterID))
        let comparison = self.descending ? "<" : ">"
        let column = self.field.column
        return "(\(column) \(comparison) \(key) OR (\(column) = \(key) AND \(self.idColumn) \(comparison) \(id)))"
    }

    /// Cuts the fetched rows to one page and makes the cursor of the next page, which is nil on the last page.
    ///
    /// - Parameter key: the sort value and id of a row.
    func cut<Item>(_ rows: [Item], key: (Item) -> (SortKey, String)) -> (items: [Item], nextCursor: String?) {
        guard rows.count > self.limit else { return (rows, nil) }
        let items = Array(rows.prefix(self.limit))
        let (sortKey, id) = key(items[items.count - 1])
        return (items, Cursor.encode(key: self.ordering + ":" + Self.encodeKey(sortKey), id: id))
    }

    private static func encodeKey(_ key: SortKey) -> String {
        switch key {
        case .timestamp(let date):
            String(Int64((date.timeIntervalSince1970 * 1000).rounded()))
        case .text(let text):
            text
        }
    }

    /// Returns the bind value of a cursor key written as `<ordering>:<value>`, or nil when it does not fit `ordering`.
    private static func decodeKey(_ key: String, ordering: String, kind: SortField.Kind) -> SQLValue? {
        guard let separator = key.firstIndex(of: ":"), key[..<separator] == ordering else { return nil }
        let value = String(key[key.index(after: separator)...])
        switch kind {
        case .timestamp:
            guard let milliseconds = Int64(value) else { return nil }
            return .date(Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        case .text:
            return .text(value)
        }
    }
}
