import HTTPServer

/// The `ordering` of a task list: a field, ascending or descending, with the task id breaking ties in the same
/// direction so that every position in the list is unique and keyset paging is exact.
struct TaskOrdering: Sendable, Equatable {
    /// The fields a list may be ordered by.
    enum Field: String, Sendable, CaseIterable {
        case createdAt = "created_at"
        case dueDate = "due_date"
        case priority
        case position
        case updatedAt = "updated_at"

        /// The column that contains the sort key.
        var column: String {
            switch self {
            case .createdAt: "created_at"
            case .dueDate: "due_date"
            case .priority: "priority_rank"
            case .position: "position"
            case .updatedAt: "updated_at"
            }
        }

        /// The form of the key in a cursor and in SQL binds.
        var keyKind: KeyKind {
            switch self {
            case .createdAt, .updatedAt: .timestamp
            case .dueDate: .date
            case .priority, .position: .integer
            }
        }
    }

    /// The type of a sort key.
    enum KeyKind: Sendable {
        case timestamp
        case date
        case integer
    }

    static let `default` = TaskOrdering(field: .createdAt, descending: true)

    /// Every accepted `ordering` value, ascending then descending, for the OpenAPI document.
    static let names: [String] = Field.allCases.flatMap { [$0.rawValue, "-" + $0.rawValue] }

    var field: Field
    var descending: Bool

    init(field: Field, descending: Bool) {
        self.field = field
        self.descending = descending
    }

    /// Parses `created_at` or `-created_at` and the like; nil for anything else.
    init?(name: String) {
        let descending = name.hasPrefix("-")
        guard let field = Field(rawValue: descending ? String(name.dropFirst()) : name) else { return nil }
        self.init(field: field, descending: descending)
    }

    /// The `ordering` value this ordering was parsed from.
    var name: String {
        (self.descending ? "-" : "") + self.field.rawValue
    }

    /// `ASC` or `DESC`.
    var direction: String {
        self.descending ? "DESC" : "ASC"
    }

    /// The comparison that selects rows after a keyset position: `>` ascending, `<` descending.
    var afterOperator: String {
        self.descending ? "<" : ">"
    }

    /// Returns the sort key of `task` for this ordering as cursor text; nil for a task without a due date.
    func key(of task: TaskRecord) -> String? {
        switch self.field {
        case .createdAt: task.createdAt
        case .updatedAt: task.updatedAt
        case .dueDate: task.dueDate
        case .priority: String(task.priority.rank)
        case .position: String(task.position)
        }
    }
}
