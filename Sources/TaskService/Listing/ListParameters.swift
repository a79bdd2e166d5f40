import HTTPServer

/// `limit`, `ordering` and `cursor` of a list request.
enum ListParameters {
    static let defaultLimit = 50
    static let limitRange = 1...200

    /// `limit`, default 50; `400` on `limit` outside 1–200 instead of silently capping it.
    static func limit(_ query: [String: String]) throws(HTTPError) -> Int {
        guard let text = query["limit"] else { return Self.defaultLimit }
        guard let limit = Int(text), Self.limitRange.contains(limit) else {
            throw HTTPError.invalidField("limit", "Must be a whole number from 1 to 200")
        }
        return limit
    }

    /// `ordering` for task lists, default `-created_at`; `400` on `ordering` for any other value.
    static func taskOrdering(_ query: [String: String]) throws(HTTPError) -> TaskOrdering {
        guard let text = query["ordering"], !text.isEmpty else { return .default }
        guard let ordering = TaskOrdering(name: text) else {
            throw HTTPError.invalidField("ordering", "Must be one of: \(TaskOrdering.names.joined(separator: ", "))")
        }
        return ordering
    }

    /// `cursor` for a task list in `ordering`, or nil on the first page.
    static func taskCursor(_ query: [String: String], ordering: TaskOrdering) throws(HTTPError) -> TaskCursor? {
        guard let text = query["cursor"], !text.isEmpty else { return nil }
        return try TaskCursor(decoding: text, for: ordering)
    }
}
