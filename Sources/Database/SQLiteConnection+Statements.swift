import CSQLite

/// Running single statements through the connection's statement cache.
extension SQLiteConnection {
    func query(_ sql: String, _ binds: [SQLValue]) throws -> [Row] {
        let (handle, statement) = try self.start(sql, binds)
        defer { Self.reset(statement) }

        var rows = [Row]()
        var result = sqlite3_step(statement.handle)
        statement.refreshColumnsIfReprepared()
        while result == SQLITE_ROW {
            rows.append(statement.readRow())
            result = sqlite3_step(statement.handle)
        }
        guard result == SQLITE_DONE else {
            throw DatabaseError.sqlite(result, handle: handle, function: "sqlite3_step", sql: sql)
        }
        return rows
    }

    @discardableResult
    func execute(_ sql: String, _ binds: [SQLValue]) throws -> Int {
        let (handle, statement) = try self.start(sql, binds)
        defer { Self.reset(statement) }

        let totalBefore = sqlite3_total_changes64(handle)
        var result = sqlite3_step(statement.handle)
        while result == SQLITE_ROW {
            result = sqlite3_step(statement.handle)
        }
        guard result == SQLITE_DONE else {
            throw DatabaseError.sqlite(result, handle: handle, function: "sqlite3_step", sql: sql)
        }
        // sqlite3_changes64 keeps the count of the last INSERT, UPDATE or DELETE, even after a
        // statement of another kind. An unchanged total means that this statement changed nothing.
        guard sqlite3_total_changes64(handle) != totalBefore else {
            return 0
        }
        return Int(sqlite3_changes64(handle))
    }

    /// Returns the cached statement for `sql`, preparing it on first use, with `binds` bound.
    private func start(_ sql: String, _ binds: [SQLValue]) throws -> (OpaquePointer, SQLiteStatement) {
        let handle = try self.openHandle()
        let statement = try self.statements.statement(for: sql) ?? self.prepare(sql, handle: handle)

        let expected = Int(sqlite3_bind_parameter_count(statement.handle))
        guard binds.count == expected else {
            throw DatabaseError(
                .invalidQuery,
                message: "the statement takes \(expected) binds but got \(binds.count)",
                sql: sql
            )
        }
        let result = statement.bind(binds)
        guard result == SQLITE_OK else {
            Self.reset(statement)
            throw DatabaseError.sqlite(result, handle: handle, function: "sqlite3_bind", sql: sql)
        }
        return (handle, statement)
    }

    private func prepare(_ sql: String, handle: OpaquePointer) throws -> SQLiteStatement {
        let rewritten = SQLitePlaceholders.rewrite(sql)
        var statementHandle: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let result = rewritten.withCString { text in
            let prepared = sqlite3_prepare_v3(
                handle,
                text,
                -1,
                UInt32(SQLITE_PREPARE_PERSISTENT),
                &statementHandle,
                &tail
            )
            // SQLite ignores the text after the first statement, so reject a second one instead
            // of dropping it. Preparing the rest yields no statement when it is only blanks,
            // semicolons or comments.
            if prepared == SQLITE_OK, let tail, tail.pointee != 0, Self.containsStatement(tail, handle: handle) {
                return SQLITE_MISUSE
            }
            return prepared
        }
        guard result == SQLITE_OK, let statementHandle else {
            sqlite3_finalize(statementHandle)
            if result == SQLITE_MISUSE {
                throw DatabaseError(
                    .invalidQuery,
                    message: "the SQL text contains more than one statement. Run scripts with executeScript",
                    sql: sql
                )
            }
            if statementHandle == nil, result == SQLITE_OK {
                throw DatabaseError(.invalidQuery, message: "the SQL text contains no statement", sql: sql)
            }
            throw DatabaseError.sqlite(result, handle: handle, function: "sqlite3_prepare_v3", sql: sql)
        }

        let statement = SQLiteStatement(handle: statementHandle)
        if let evicted = self.statements.insert(statement, for: sql) {
            sqlite3_finalize(evicted.handle)
        }
        return statement
    }

    private static func reset(_ statement: SQLiteStatement) {
        sqlite3_reset(statement.handle)
        sqlite3_clear_bindings(statement.handle)
    }

    /// true if `text` contains an SQL statement, as opposed to blanks, semicolons and comments only.
    private static func containsStatement(_ text: UnsafePointer<CChar>, handle: OpaquePointer) -> Bool {
        var cursor = text
        while cursor.pointee != 0 {
            var statement: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            let result = sqlite3_prepare_v3(handle, cursor, -1, 0, &statement, &tail)
            sqlite3_finalize(statement)
            guard result == SQLITE_OK, statement == nil, let tail, tail > cursor else {
                return true
            }
            cursor = tail
        }
        return false
    }
}
