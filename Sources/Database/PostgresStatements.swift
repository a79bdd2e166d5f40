import CLibPQ

/// A statement prepared on the server under a generated name, with its result columns.
final class PostgresStatement: CachedStatement {
    let name: String
    /// Column names and type OIDs of its latest result; empty until the first execution.
    var columnNames: [String] = []
    var columnTypes: [UInt32] = []
    var lastUse: UInt64 = 0

    init(name: String) {
        self.name = name
    }
}

extension PostgresConnection {
    func query(_ sql: String, _ binds: [SQLValue]) throws -> [Row] {
        let (result, statement) = try self.executePrepared(sql, binds)
        defer { PQclear(result) }

        if statement.columnTypes.count != Int(PQnfields(result)) || statement.columnNames.isEmpty {
            (statement.columnNames, statement.columnTypes) = PostgresResult.columns(of: result)
        }
        return PostgresResult.rows(of: result, names: statement.columnNames, types: statement.columnTypes)
    }

    @discardableResult
    func execute(_ sql: String, _ binds: [SQLValue]) throws -> Int {
        let (result, _) = try self.executePrepared(sql, binds)
        defer { PQclear(result) }
        return PostgresResult.affectedRows(of: result)
    }

    /// Runs the cached prepared statement for `sql`, preparing it on first use, and returns the
    /// successful result, which the caller must `PQclear`.
    ///
    /// A schema change can invalidate a prepared statement ("cached plan must not change result
    /// type", SQLSTATE 0A000). The statement is then dropped and, outside a transaction,
    /// prepared and run once more.
    private func executePrepared(_ sql: String, _ binds: [SQLValue]) throws -> (OpaquePointer, PostgresStatement) {
        let handle = try self.openHandle()
        let parameters = try PostgresParameters(binds, sql: sql)
        var retried = false

        while true {
            let statement = try self.statements.statement(for: sql) ?? self.prepare(sql, handle: handle)
            let result = parameters.withCArrays { values, lengths, formats in
                PQexecPrepared(handle, statement.name, parameters.count, values, lengths, formats, 0)
            }
            let status = PQresultStatus(result)
            if let result, status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK {
                return (result, statement)
            }

            let error = DatabaseError.postgres(result: result, connection: handle, function: "PQexecPrepared", sql: sql)
            PQclear(result)
            guard error.nativeCode == "0A000", error.message.contains("cached plan") else {
                throw error
            }
            self.discard(sql)
            guard !retried, PQtransactionStatus(handle) == PQTRANS_IDLE else {
                throw error
            }
            retried = true
        }
    }

    private func prepare(_ sql: String, handle: OpaquePointer) throws -> PostgresStatement {
        self.nextStatementNumber += 1
        let statement = PostgresStatement(name: "cairn_\(self.nextStatementNumber)")
        // nParams 0 and no type array: the server infers every parameter's type.
        let result = PQprepare(handle, statement.name, sql, 0, nil)
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COMMAND_OK else {
            throw DatabaseError.postgres(result: result, connection: handle, function: "PQprepare", sql: sql)
        }
        if let evicted = self.statements.insert(statement, for: sql) {
            self.deallocate(evicted)
        }
        return statement
    }

    /// Drops the cached statement for `sql` here and on the server.
    private func discard(_ sql: String) {
        if let statement = self.statements.remove(sql) {
            self.deallocate(statement)
        }
    }

    /// Frees `statement` on the server. A failure (for example inside an aborted transaction)
    /// leaves it allocated there until the session ends, which costs only server memory.
    private func deallocate(_ statement: PostgresStatement) {
        _ = try? self.executeSimple("DEALLOCATE \(statement.name)")
    }
}
