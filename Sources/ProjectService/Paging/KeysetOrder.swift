import Database
import Foundation
import HTTPServer
import Platform

/// A field a list may be ordered by.
struct SortField: Sendable {
    /// The kind of value the field contains, which decides how cursor values are checked before binding.
    enum Kind: Sendable {
        case timestamp
        case text
        case calendarDate
    }

    /// The API name, such as `created_at`.
    let name: String
    /// The SQL expression sorted on, selected as `sort_key` for the next cursor.
    let expression: String
    let kind: Kind

    /// Returns the values `ordering` accepts for `fields`: each name, ascending and with `-` for descending.
    static func orderingValues(_ fields: [SortField]) -> [String] {
        fields.flatMap { [$0.name, "-" + $0.name] }
    }
}

/// A validated `ordering`, `limit` and `cursor`, and the keyset paging they define.
///
/// Rows are ordered by the field, then by id in the same direction, so the order is total and a page
/// starts strictly after the last row of the previous one. The cursor carries the ordering it was made
/// for, and a cursor from another ordering is rejected rather than misread.
struct KeysetOrder: Sendable {
    let field: SortField
    let descending: Bool
    let limit: Int
    /// The id column, qualified as the statement needs.
    let idColumn: String
    private let after: (key: String, id: String)?

    /// Reads `ordering`, `limit` and `cursor` from `query`.
    ///
    /// - Throws: `400 VALIDATION_ERROR` for an ordering outside `fields`, a bad limit, or a cursor this list
    ///   did not make with the same ordering.
    init(query: [String: String], fields: [SortField], defaultOrdering: String, idColumn: String) throws(HTTPError) {
        let ordering = query["ordering"] ?? defaultOrdering
        let descending = ordering.hasPrefix("-")
        let name = descending ? String(ordering.dropFirst()) : ordering
        guard let field = fields.first(where: { $0.name == name }) else {
            let allowed = SortField.orderingValues(fields).joined(separator: ", ")
            throw HTTPError.invalidField("ordering", "Unknown ordering \"\(ordering)\"; use one of: \(allowed)")
        }
        let page = try PageRequest(query: query)
        self.field = field
        self.descending = descending
        self.limit = page.limit
        self.idColumn = idColumn
        if let after = page.after {
            self.after = (try Self.cursorValue(after.key, field: field, token: ordering), after.id)
        } else {
            self.after = nil
        }
    }

    /// Returns the condition that selects rows after the cursor, or nil on the first page.
    func condition(_ binds: inout SQLBinds) -> String? {
        guard let after = self.after else { return nil }
        let comparison = self.descending ? "<" : ">"
        let key = binds.bind(.text(after.key))
        let id = binds.bind(.text(after.id))
        let expression = self.field.expression
        return
            "(\(expression) \(comparison) \(key) OR (\(expression) = \(key) AND \(self.idColumn) \(comparison) \(id)))"
    }

    /// Returns the `ORDER BY … LIMIT …` clause. It fetches one row more than the page, which shows whether
    /// another page follows.
    func orderAndLimit(_ binds: inout SQLBinds) -> String {
        let direction = self.descending ? "DESC" : "ASC"
        let limit = binds.bind(.int(self.limit + 1))
        return "ORDER BY \(self.field.expression) \(direction), \(self.idColumn) \(direction) LIMIT \(limit)"
    }

    /// The select-list item that the next cursor is made from.
    var sortKeySelection: String {
        "\(self.field.expression) AS sort_key"
    }

    /// Decodes at most `limit` rows and makes the next cursor when the statement returned one more.
    func page<Item>(
        _ rows: [Row],
        id: (Item) -> String,
        decode: (Row) throws -> Item
    ) throws -> (
        items: [Item], nextCursor: String?
    ) {
        let items = try rows.prefix(self.limit).map(decode)
        guard rows.count > self.limit, let last = rows.prefix(self.limit).last, let lastItem = items.last else {
            return (items, nil)
        }
        let token = (self.descending ? "-" : "") + self.field.name
        let key = token + ":" + (try self.sortKey(of: last))
        return (items, Cursor.encode(key: key, id: id(lastItem)))
    }

    /// Returns the row's `sort_key` as cursor text, with timestamps in the form both databases compare exactly.
    private func sortKey(of row: Row) throws -> String {
        switch self.field.kind {
        case .timestamp:
            guard case .text(let text) = SQLValue.date(try row.decode("sort_key", as: Date.self)) else { return "" }
            return text
        case .text, .calendarDate:
            return try row.decode("sort_key", as: String.self)
        }
    }

    /// Returns the value part of a cursor key `<ordering>:<value>` after checking it against the field's kind.
    private static func cursorValue(_ key: String, field: SortField, token: String) throws(HTTPError) -> String {
        let invalid = HTTPError.invalidField(
            "cursor",
            "Invalid cursor for ordering \"\(token)\"; pass meta.next_cursor from the previous page with the same ordering"
        )
        guard let separator = key.firstIndex(of: ":"), key[..<separator] == token else { throw invalid }
        let value = String(key[key.index(after: separator)...])
        switch field.kind {
        case .timestamp:
            guard Timestamp.parse(value) != nil else { throw invalid }
        case .calendarDate:
            guard CalendarDate(value) != nil else { throw invalid }
        case .text:
            // A NUL would make PostgreSQL reject the bind, and no stored name contains one.
            guard !value.unicodeScalars.contains("\0") else { throw invalid }
        }
        return value
    }
}
