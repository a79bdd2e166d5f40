import Database

/// One page of a task list as SQL: the filters, the projects in scope, and a keyset position.
///
/// Every ordering reads an index range, `(project_id, key, id)` for one project, so a deep page costs what the
/// first one does. Tasks without a due date sort last in both due-date directions. They form a second range,
/// read by a second query only when the dated range does not fill the page.
///
/// NOTE: without a project filter, SQLite reads the global `(created_at, id)` index and skips other projects'
/// tasks. Admin lists in orderings other than `created_at` sort in memory. Only PostgreSQL bounds the cost of a
/// list over several projects, because it reads each project's range.
struct TaskListQuery: Sendable {
    /// The projects whose tasks the list may contain.
    enum Scope: Sendable {
        /// Every task, for admins.
        case all
        case project(String)
        /// The projects the caller can see; never empty, because an empty scope needs no query.
        case projects([String])
    }

    var scope: Scope
    var filters: TaskFilters
    var ordering: TaskOrdering
    var cursor: TaskCursor?
    var limit: Int

    /// Reads up to `limit + 1` tasks, so that the caller can tell whether another page follows.
    func fetch(on connection: any DatabaseConnection) throws -> [TaskRecord] {
        let rowLimit = self.limit + 1
        guard self.ordering.field == .dueDate else {
            return try self.run(segment: .keyed, limit: rowLimit, on: connection)
        }

        var tasks: [TaskRecord] = []
        // A cursor without a key is already inside the undated range.
        if self.cursor == nil || self.cursor?.key != nil {
            tasks = try self.run(segment: .dated, limit: rowLimit, on: connection)
        }
        if tasks.count < rowLimit {
            tasks += try self.run(segment: .undated, limit: rowLimit - tasks.count, on: connection)
        }
        return tasks
    }

    /// The part of the ordering one statement reads.
    private enum Segment {
        /// A key that is never NULL.
        case keyed
        /// Tasks with a due date, by due date.
        case dated
        /// Tasks without a due date, by id.
        case undated
    }

    private func run(segment: Segment, limit: Int, on connection: any DatabaseConnection) throws -> [TaskRecord] {
        var statement = StatementBuilder()
        self.addFilters(to: &statement)
        let orderColumns = self.addKeyset(for: segment, to: &statement)
        let limitBind = statement.bind(.int(limit))
        let sql = self.sql(
            for: &statement,
            orderColumns: orderColumns,
            limitBind: limitBind,
            dialect: connection.dialect
        )
        return try connection.query(sql, statement.binds).map(TaskRecord.init(row:))
    }

    /// Adds the conditions that select `segment` after the cursor, and returns the columns it is ordered by.
    private func addKeyset(for segment: Segment, to statement: inout StatementBuilder) -> [String] {
        let column = self.ordering.field.column
        switch segment {
        case .keyed, .dated:
            if segment == .dated {
                statement.conditions.append("due_date IS NOT NULL")
            }
            if let cursor = self.cursor, let key = cursor.key {
                let keyBind = statement.bind(self.keyValue(key))
                let idBind = statement.bind(.text(cursor.id))
                statement.conditions.append("(\(column), id) \(self.ordering.afterOperator) (\(keyBind), \(idBind))")
            }
            return [column, "id"]
        case .undated:
            statement.conditions.append("due_date IS NULL")
            if let cursor = self.cursor, cursor.key == nil {
                statement.conditions.append("id \(self.ordering.afterOperator) \(statement.bind(.text(cursor.id)))")
            }
            // Every due_date here is NULL, so ordering by it changes nothing, but it lets PostgreSQL read the
            // (project_id, due_date, id) index in order instead of sorting.
            return ["due_date", "id"]
        }
    }

    /// Builds the statement for the scope, adding the scope's condition and binds to `statement`.
    private func sql(
        for statement: inout StatementBuilder,
        orderColumns: [String],
        limitBind: String,
        dialect: SQLDialect
    ) -> String {
        let direction = self.ordering.direction
        let order = { (table: String) in
            orderColumns.map { "\(table).\($0) \(direction)" }.joined(separator: ", ")
        }

        switch (self.scope, dialect) {
        case (.projects(let ids), .postgres):
            // One index range per project, each cut at the page size, then merged: the cost is bounded by the
            // number of projects times the page size, however many tasks the projects hold.
            let array = statement.bind(.text("{" + ids.joined(separator: ",") + "}"))
            statement.conditions.insert("tasks.project_id = visible.project_id", at: 0)
            return """
                SELECT \(TaskRecord.columns(of: "page")) FROM unnest(\(array)::uuid[]) AS visible (project_id)
                CROSS JOIN LATERAL (
                    SELECT tasks.* FROM tasks WHERE \(statement.conditions.joined(separator: " AND "))
                    ORDER BY \(order("tasks")) LIMIT \(limitBind)
                ) AS page
                ORDER BY \(order("page")) LIMIT \(limitBind)
                """
        case (.projects(let ids), .sqlite):
            // One bind for the whole list keeps the SQL text, and so the prepared statement, the same for any
            // number of projects.
            let list = statement.bind(.stringList(ids))
            statement.conditions.insert("project_id IN (SELECT value FROM json_each(\(list)))", at: 0)
        case (.project(let id), _):
            statement.conditions.insert("project_id = \(statement.bind(.text(id)))", at: 0)
        case (.all, _):
            break
        }
        let whereClause = statement.conditions.isEmpty ? "" : "WHERE " + statement.conditions.joined(separator: " AND ")
        return "SELECT \(TaskRecord.columns) FROM tasks \(whereClause) ORDER BY \(order("tasks")) LIMIT \(limitBind)"
    }

    private func addFilters(to statement: inout StatementBuilder) {
        let filters = self.filters
        statement.addReference("assignee_id", filters.assignee)
        statement.addReference("milestone_id", filters.milestone)
        statement.addReference("parent_id", filters.parent)
        if !filters.statuses.isEmpty {
            let binds = filters.statuses.map { statement.bind(.text($0.rawValue)) }
            statement.conditions.append("status IN (\(binds.joined(separator: ", ")))")
        }
        if !filters.priorities.isEmpty {
            let binds = filters.priorities.map { statement.bind(.text($0.rawValue)) }
            statement.conditions.append("priority IN (\(binds.joined(separator: ", ")))")
        }
        if let label = filters.label {
            statement.conditions.append(
                "EXISTS (SELECT 1 FROM task_labels WHERE task_labels.task_id = tasks.id AND task_labels.label = \(statement.bind(.text(label))))"
            )
        }
        if let dueBefore = filters.dueBefore {
            statement.conditions.append("due_date <= \(statement.bind(.text(dueBefore)))")
        }
        if let dueAfter = filters.dueAfter {
            statement.conditions.append("due_date >= \(statement.bind(.text(dueAfter)))")
        }
        if let search = filters.search {
            let pattern = "%" + TitleSearch.escapeLikePattern(TitleSearch.key(search)) + "%"
            statement.conditions.append("title_search LIKE \(statement.bind(.text(pattern))) ESCAPE '\\'")
        }
    }

    /// Converts the cursor key to a bind value of its column's type.
    private func keyValue(_ key: String) -> SQLValue {
        switch self.ordering.field.keyKind {
        case .integer: .integer(Int64(key) ?? 0)
        case .timestamp, .date: .text(key)
        }
    }
}

/// SQL conditions joined by AND, with their binds numbered `$1, $2, …` in order.
private struct StatementBuilder {
    var conditions: [String] = []
    var binds: [SQLValue] = []

    /// Appends `value` and returns its placeholder.
    mutating func bind(_ value: SQLValue) -> String {
        self.binds.append(value)
        return "$\(self.binds.count)"
    }

    /// Adds a condition on a nullable reference column: equal to an id, or NULL for `none`.
    mutating func addReference(_ column: String, _ reference: TaskFilters.Reference?) {
        switch reference {
        case nil: break
        case .null?: self.conditions.append("\(column) IS NULL")
        case .id(let id)?: self.conditions.append("\(column) = \(self.bind(.text(id)))")
        }
    }
}
