import Foundation
import HTTPServer
import Platform

/// The filters of `GET /api/v1/tasks`, read from the query string.
///
/// Every value is checked here, so a bad value is a `400 VALIDATION_ERROR` naming the parameter instead of a
/// query that matches nothing or scans everything. Unknown parameter names are ignored.
struct TaskFilters: Sendable {
    /// A filter on a nullable reference: a given id, or no reference at all (`none` in the query, NULL in the column).
    enum Reference: Sendable, Equatable {
        case id(String)
        case null
    }

    static let maxSearchLength = 200

    var projectID: String?
    var assignee: Reference?
    var milestone: Reference?
    var parent: Reference?
    /// Any of these statuses; empty means no filter.
    var statuses: [TaskStatus] = []
    /// Any of these priorities; empty means no filter.
    var priorities: [TaskPriority] = []
    var label: String?
    /// Inclusive `YYYY-MM-DD` bounds on `due_date`; tasks without a due date never match either.
    var dueBefore: String?
    var dueAfter: String?
    /// Text that the title contains, compared case-insensitively.
    var search: String?

    /// Reads the filters from `query`; `me` as `assignee_id` stands for `callerID`.
    init(query: [String: String], callerID: String) throws(HTTPError) {
        var errors: [String: [String]] = [:]
        func fail(_ name: String, _ message: String) {
            errors[name, default: []].append(message)
        }

        if let text = query["project_id"] {
            if let id = UUID(uuidString: text) {
                self.projectID = id.uuidString.lowercased()
            } else {
                fail("project_id", "Must be a valid UUID")
            }
        }
        if let text = query["assignee_id"] {
            if text == "me" {
                self.assignee = .id(callerID)
            } else if let reference = Self.reference(text) {
                self.assignee = reference
            } else {
                fail("assignee_id", "Must be a valid UUID, me, or none")
            }
        }
        for (name, keyPath) in [("milestone_id", \TaskFilters.milestone), ("parent_id", \TaskFilters.parent)] {
            guard let text = query[name] else { continue }
            if let reference = Self.reference(text) {
                self[keyPath: keyPath] = reference
            } else {
                fail(name, "Must be a valid UUID or none")
            }
        }
        if let text = query["status"] {
            let values = Self.list(text).map { TaskStatus(rawValue: $0) }
            if values.isEmpty || values.contains(nil) {
                fail(
                    "status",
                    "Must be one or more of \(TaskStatus.names.joined(separator: ", ")), separated by commas"
                )
            } else {
                self.statuses = values.compactMap { $0 }
            }
        }
        if let text = query["priority"] {
            let values = Self.list(text).map { TaskPriority(rawValue: $0) }
            if values.isEmpty || values.contains(nil) {
                fail(
                    "priority",
                    "Must be one or more of \(TaskPriority.names.joined(separator: ", ")), separated by commas"
                )
            } else {
                self.priorities = values.compactMap { $0 }
            }
        }
        if let text = query["label"] {
            let label = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if (1...TaskInput.maxLabelLength).contains(label.count) {
                self.label = label
            } else {
                fail("label", "Must be 1 to \(TaskInput.maxLabelLength) characters")
            }
        }
        for (name, keyPath) in [("due_before", \TaskFilters.dueBefore), ("due_after", \TaskFilters.dueAfter)] {
            guard let text = query[name] else { continue }
            if CalendarDate(text) != nil {
                self[keyPath: keyPath] = text
            } else {
                fail(name, "Must be a date in the form YYYY-MM-DD")
            }
        }
        if let text = query["search"] {
            let search = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if search.count > Self.maxSearchLength {
                fail("search", "Must be at most \(Self.maxSearchLength) characters")
            } else if !search.isEmpty {
                self.search = search
            }
        }

        if !errors.isEmpty {
            throw HTTPError.validation(errors, message: "Invalid query parameters")
        }
    }

    /// Parses a UUID as lower-case text, or `none`.
    private static func reference(_ text: String) -> Reference? {
        if text == "none" { return .null }
        return UUID(uuidString: text).map { .id($0.uuidString.lowercased()) }
    }

    /// Splits `text` at commas into trimmed, non-empty items.
    private static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
