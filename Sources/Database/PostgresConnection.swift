import CLibPQ
import Glibc

/// One libpq connection, used by one thread at a time, that reconnects when it finds itself broken.
///
/// The connection checks its health at the start of every job (see `prepareForJob`). A job that
/// loses the connection midway fails with `.connectionFailed`, and the next job reconnects.
final class PostgresConnection: PooledConnection {
    let dialect = SQLDialect.postgres
    private let settings: PostgresConnectionSettings
    /// The libpq connection, or nil before the first connect and after a failed reconnect.
    private(set) var handle: OpaquePointer?
    var statements = StatementCache<PostgresStatement>()
    /// Numbers the generated prepared-statement names, which must be unique per server session.
    var nextStatementNumber: UInt64 = 0

    /// Creates the connection; with `connectNow`, connects at once and throws if that fails,
    /// otherwise the first job connects.
    init(settings: PostgresConnectionSettings, connectNow: Bool) throws {
        self.settings = settings
        if connectNow {
            try self.reconnect()
        }
    }

    func prepareForJob() throws {
        guard let handle = self.handle, Self.isHealthy(handle) else {
            try self.reconnect()
            return
        }
        // A read body that began a transaction and returned without ending it must not pass
        // the open transaction on to the next job.
        if PQtransactionStatus(handle) != PQTRANS_IDLE {
            try self.executeSimple("ROLLBACK")
        }
    }

    func runTransaction<T>(_ body: (any DatabaseConnection) throws -> T) throws -> T {
        try self.executeSimple("BEGIN")
        do {
            let value = try body(self)
            // COMMIT of an aborted transaction reports success but rolls back, so catch that here.
            if let handle = self.handle, PQtransactionStatus(handle) == PQTRANS_INERROR {
                throw DatabaseError(
                    .other,
                    message:
                        "the transaction was rolled back because a statement in it failed and the body caught the error. Rethrow the error, or wrap the statement in a SAVEPOINT to continue after it"
                )
            }
            try self.executeSimple("COMMIT")
            return value
        } catch {
            if let handle = self.handle, PQstatus(handle) == CONNECTION_OK, PQtransactionStatus(handle) != PQTRANS_IDLE
            {
                _ = try? self.executeSimple("ROLLBACK")
            }
            throw error
        }
    }

    func executeScript(_ sql: String) throws {
        try self.executeSimple(sql)
    }

    func close() {
        if let handle = self.handle {
            PQfinish(handle)
            self.handle = nil
        }
        _ = self.statements.removeAll()
    }

    /// Runs `sql` with `PQexec`, the simple-query protocol, which allows several statements and no binds.
    func executeSimple(_ sql: String) throws {
        let handle = try self.openHandle()
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return
        default:
            throw DatabaseError.postgres(result: result, connection: handle, function: "PQexec", sql: sql)
        }
    }

    func openHandle() throws -> OpaquePointer {
        guard let handle = self.handle else {
            throw DatabaseError.closed
        }
        return handle
    }

    /// Replaces the libpq connection with a new one and applies the session settings.
    /// Prepared statements end with the old server session, so the cache is cleared too.
    private func reconnect() throws {
        self.close()
        guard let handle = self.settings.connect() else {
            throw DatabaseError(
                .connectionFailed,
                message: "libpq could not allocate a connection",
                function: "PQconnectdbParams"
            )
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message =
                PQerrorMessage(handle).map { PostgresConnectionSettings.trimmed(String(cString: $0)) }
                ?? "unknown error"
            PQfinish(handle)
            throw DatabaseError(
                .connectionFailed,
                message: "cannot connect to PostgreSQL: \(message)",
                function: "PQconnectdbParams"
            )
        }
        // The default notice processor prints to stderr, for example for CREATE TABLE IF NOT EXISTS.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        self.handle = handle
        do {
            // UTC and ISO output, which SQLTimestamp reads: 2026-12-04 19:22:36.123+00.
            try self.executeSimple("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'")
        } catch {
            self.close()
            throw error
        }
    }

    /// true if `handle` is still connected and the server sent nothing while it was idle.
    ///
    /// A server that ends the session (`pg_terminate_backend`, `idle_session_timeout`, a
    /// shutdown) sends a FATAL error and then closes the socket, which libpq notices only on the
    /// next read. libpq reports that error as a mere notice while idle, and the close can arrive
    /// later, so any input on an idle connection counts as broken. The other messages that a
    /// server may send unasked (a notice, a parameter change after a configuration reload, a
    /// LISTEN notification, which this module never requests) then cost one needless reconnect.
    /// Polling costs one system call per job.
    private static func isHealthy(_ handle: OpaquePointer) -> Bool {
        guard PQstatus(handle) == CONNECTION_OK else {
            return false
        }
        let socket = PQsocket(handle)
        guard socket >= 0 else {
            return false
        }
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) == 0
    }
}
