import CLibPQ

/// Running single statements as server-side prepared statements, cached per SQL text.
extension PostgresConnection {
    func query(_ sql: String, _ binds: [SQLValue]) throws -> [Row] {
        let (result, statement) = try self.executePrepared(sql, binds)
        defer { PQclear(result) }

        if statement.columnTypes.count != Int(PQnfields(result)) {
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
            // The server would reject a wrong count with SQLSTATE 08P01, a protocol violation,
            // which reads like a connection failure.
            guard binds.count == statement.parameterCount else {
                throw DatabaseError(
                    .invalidQuery,
                    message: "the statement takes \(statement.parameterCount) binds but got \(binds.count)",
                    sql: sql
                )
            }
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

    /// Prepares `sql` under a new name and describes it, which costs two round trips once per
    /// statement and connection.
    private func prepare(_ sql: String, handle: OpaquePointer) throws -> PostgresStatement {
        self.nextStatementNumber += 1
        let name = "cairn_\(self.nextStatementNumber)"
        // nParams 0 and no type array: the server infers every parameter's type.
        let prepared = PQprepare(handle, name, sql, 0, nil)
        defer { PQclear(prepared) }
        guard PQresultStatus(prepared) == PGRES_COMMAND_OK else {
            throw DatabaseError.postgres(result: prepared, connection: handle, function: "PQprepare", sql: sql)
        }

        let description = PQdescribePrepared(handle, name)
        defer { PQclear(description) }
        guard let description, PQresultStatus(description) == PGRES_COMMAND_OK else {
            let error = DatabaseError.postgres(
                result: description,
                connection: handle,
                function: "PQdescribePrepared",
                sql: sql
            )
            _ = try? self.executeSimple("DEALLOCATE \(name)")
            throw error
        }
        let columns = PostgresResult.columns(of: description)
        let statement = PostgresStatement(
            name: name,
            parameterCount: Int(PQnparams(description)),
            columnNames: columns.names,
            columnTypes: columns.types
        )

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
