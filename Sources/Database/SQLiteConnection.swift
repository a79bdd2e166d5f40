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
    /// The SQLite connection, or nil after `close()`.
    private(set) var handle: OpaquePointer?
    var statements = StatementCache<SQLiteStatement>()

    /// Opens the database file at `path`, creating it for a writer, and applies the role's settings.
    ///
    /// Writer: WAL journal, `synchronous=FULL` so that COMMIT returns only after an fsync of the WAL,
    /// and foreign keys on. Reader: `query_only` and foreign keys on. Both get a busy timeout.
    init(path: String, role: Role) throws {
        let flags = (role == .writer ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
        var handle: OpaquePointer?
        let result = sqlite3_open_v2(path, &handle, flags, nil)
        guard result == SQLITE_OK, let handle else {
            let error = DatabaseError.sqlite(result, handle: handle, function: "sqlite3_open_v2", sql: nil)
            sqlite3_close_v2(handle)
            throw DatabaseError(
                .connectionFailed,
                message: "cannot open SQLite database \(path): \(error.message)",
                function: error.function,
                nativeCode: error.nativeCode
            )
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
                    throw DatabaseError(
                        .connectionFailed,
                        message:
                            "cannot switch SQLite database \(path) to WAL because the journal mode stays \(mode ?? "unknown"). Use a file system that supports WAL's shared memory"
                    )
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

    func openHandle() throws -> OpaquePointer {
        guard let handle = self.handle else {
            throw DatabaseError.closed
        }
        return handle
    }
}
