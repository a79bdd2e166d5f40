import CSQLite

/// One SQLite connection, used by one thread at a time (opened in multi-thread mode, `SQLITE_OPEN_NOMUTEX`).
final class SQLiteConnection: PooledConnection {
    /// A writer may write, a reader is `query_only`.
    enum Role {
        case writer
        case reader
    }

    /// How long a statement waits for another connection's lock before it fails with `.busy`, in milliseconds.
    static let busyTimeoutMilliseconds: Int32 = 5000

    let dialect = SQLDialect.sqlite
    private var handle: OpaquePointer?
    private var statements = StatementCache<SQLiteStatement>()

    /// Opens the database file at `path`, creating it for a writer, and applies the role's settings.
    ///
    /// Writer: WAL journal, `synchronous=FULL` so that a returned COMMIT survives power loss,
    /// and foreign keys on. Reader: `query_only` and foreign keys on. Both get a busy timeout.
    init(path: String, role: Role) throws {
        let flags = (role == .writer ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
        var handle: OpaquePointer?
        let result = sqlite3_open_v2(path, &handle, flags, nil)
        guard result == SQLITE_OK, let handle else {
            let error = DatabaseError.sqlite(result, handle: handle, function: "sqlite3_open_v2", sql: nil)
            sqlite3_close_v2(handle)
            throw DatabaseError(.connectionFailed, message: "cannot open SQLite database \(path): \(error.message)", function: error.function, nativeCode: error.nativeCode)
        }
        self.handle = handle
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, Self.busyTimeoutMilliseconds)

        do {
            switch role {
            case .writer:
                let mode = try self.queryFirst("PRAGMA journal_mode=WAL")?.decode("journal_mode", as: String.self)
                // An in-memory database keeps journal mode "memory", which is fine because nothing else shares it.
                guard mode == "wal" || mode == "memory" else {
                    throw DatabaseError(.connectionFailed, message: "cannot switch SQLite database \(path) to WAL; journal mode is \(mode ?? "unknown")")
                }
                try self.executeScript("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")
            case .reader:
                try self.executeScript("PRAGMA query_only=ON; PRAGMA foreign_keys=ON;")
            }
        } catch {
            self.close()
            throw error
        }
    }

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

    func executeScript(_ sql: String) throws {
        let handle = try self.openHandle()
        var message: UnsafeMutablePointer<CChar>?
        let result = sqlite3_exec(handle, sql, nil, nil, &message)
        sqlite3_free(message)
        guard result == SQLITE_OK else {
            throw DatabaseError.sqlite(result, handle: handle, function: "sqlite3_exec", sql: sql)
        }
    }

    func prepareForJob() throws {
        let handle = try self.openHandle()
        // A read body that began a transaction and returned without ending it must not pass
        // the open transaction on to the next job.
        if sqlite3_get_autocommit(handle) == 0 {
            try self.execute("ROLLBACK", [])
        }
    }

    func runTransaction<T>(_ body: (any DatabaseConnection) throws -> T) throws -> T {
        // IMMEDIATE takes the write lock now, so a transaction cannot fail halfway on a lock upgrade.
        // With one writer connection per process, the lock waits only for other processes.
        try self.execute("BEGIN IMMEDIATE", [])
        do {
            let value = try body(self)
            try self.execute("COMMIT", [])
            return value
        } catch {
            if let handle = self.handle, sqlite3_get_autocommit(handle) == 0 {
                _ = try? self.execute("ROLLBACK", [])
            }
            throw error
        }
    }

    func close() {
        for statement in self.statements.removeAll() {
            sqlite3_finalize(statement.handle)
        }
        if let handle = self.handle {
            sqlite3_close_v2(handle)
            self.handle = nil
        }
    }

    private func openHandle() throws -> OpaquePointer {
        guard let handle = self.handle else {
            throw DatabaseError.closed
        }
        return handle
    }

    /// Returns the cached statement for `sql`, preparing it on first use, with `binds` bound.
    private func start(_ sql: String, _ binds: [SQLValue]) throws -> (OpaquePointer, SQLiteStatement) {
        let handle = try self.openHandle()
        let statement = try self.statements.statement(for: sql) ?? self.prepare(sql, handle: handle)

        let expected = Int(sqlite3_bind_parameter_count(statement.handle))
        guard binds.count == expected else {
            throw DatabaseError(.invalidQuery, message: "the statement takes \(expected) binds but got \(binds.count)", sql: sql)
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
            let prepared = sqlite3_prepare_v3(handle, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statementHandle, &tail)
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
                throw DatabaseError(.invalidQuery, message: "the SQL text contains more than one statement. Run scripts with executeScript", sql: sql)
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
