import Database
import Foundation
import Testing

@Suite struct SQLiteDatabaseTests {
    @Test func roundTripEveryType() async throws {
        try await TestDatabases.withSQLite { try await DatabaseScenarios.roundTripEveryType($0) }
    }

    @Test func placeholdersBindByNumber() async throws {
        try await TestDatabases.withSQLite { try await DatabaseScenarios.placeholdersBindByNumber($0) }
    }

    @Test func uniqueViolationIsMapped() async throws {
        try await TestDatabases.withSQLite { try await DatabaseScenarios.uniqueViolationIsMapped($0) }
    }

    @Test func foreignKeyViolationIsMapped() async throws {
        try await TestDatabases.withSQLite { try await DatabaseScenarios.foreignKeyViolationIsMapped($0) }
    }

    @Test func invalidQueryIsMapped() async throws {
        try await TestDatabases.withSQLite { try await DatabaseScenarios.invalidQueryIsMapped($0) }
    }

    @Test func transactionRollsBackOnThrow() async throws {
        try await TestDatabases.withSQLite { try await DatabaseScenarios.transactionRollsBackOnThrow($0) }
    }

    @Test func concurrentTransactionsCountExactly() async throws {
        try await TestDatabases.withSQLite { try await DatabaseScenarios.concurrentTransactionsCountExactly($0) }
    }

    @Test func concurrentReadsSucceed() async throws {
        try await TestDatabases.withSQLite { try await DatabaseScenarios.concurrentReadsSucceed($0) }
    }

    @Test func committedRowSurvivesReopen() async throws {
        try await TestDatabases.withSQLitePath { path in
            let first = try SQLiteDatabase(path: path)
            try await first.transaction { connection in
                try connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
                try connection.execute("INSERT INTO notes (id, body) VALUES ($1, $2)", [1, "kept"])
            }
            await first.close()

            let second = try SQLiteDatabase(path: path)
            let body = try await second.read {
                try $0.queryFirst("SELECT body FROM notes WHERE id = $1", [1])?.decode("body", as: String.self)
            }
            await second.close()
            #expect(body == "kept")
        }
    }

    @Test func connectionSettingsAreApplied() async throws {
        try await TestDatabases.withSQLite { database in
            let writer = try await database.transaction { connection in
                try connection.queryFirst("PRAGMA journal_mode")?.decode("journal_mode", as: String.self)
            }
            #expect(writer == "wal")
            let synchronous = try await database.transaction {
                try $0.queryFirst("PRAGMA synchronous")?.decode("synchronous", as: Int.self)
            }
            #expect(synchronous == 2, "synchronous=FULL is 2")
            let foreignKeys = try await database.read {
                try $0.queryFirst("PRAGMA foreign_keys")?.decode("foreign_keys", as: Bool.self)
            }
            #expect(foreignKeys == true)
        }
    }

    @Test func readerRejectsWrites() async throws {
        try await TestDatabases.withSQLite { database in
            try await database.transaction { try $0.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)") }
            await #expect { try await database.read { try $0.execute("INSERT INTO t (id) VALUES (1)") } } throws: {
                error in
                (error as? DatabaseError)?.code == .invalidQuery
            }
        }
    }

    @Test func readerSeesCommittedWrites() async throws {
        try await TestDatabases.withSQLite(readerCount: 2) { database in
            try await database.transaction { try $0.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)") }
            for id in 1...20 {
                try await database.transaction { try $0.execute("INSERT INTO t (id) VALUES ($1)", [.int(id)]) }
                let count = try await database.read {
                    try $0.queryFirst("SELECT count(*) AS n FROM t")?.decode("n", as: Int.self)
                }
                #expect(count == id)
            }
        }
    }

    @Test func executeReturnsRowsAffected() async throws {
        try await TestDatabases.withSQLite { database in
            let counts = try await database.transaction { connection in
                let created = try connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, flag INTEGER NOT NULL)")
                try connection.executeScript(
                    "INSERT INTO t VALUES (1, 0); INSERT INTO t VALUES (2, 0); INSERT INTO t VALUES (3, 1);"
                )
                let updated = try connection.execute("UPDATE t SET flag = 1 WHERE flag = $1", [0])
                let none = try connection.execute("DELETE FROM t WHERE id = $1", [99])
                let index = try connection.execute("CREATE INDEX t_flag ON t (flag)")
                return [created, updated, none, index]
            }
            #expect(counts == [0, 2, 0, 0])
        }
    }

    @Test func multipleStatementsAreRejected() async throws {
        try await TestDatabases.withSQLite { database in
            await #expect { try await database.read { try $0.query("SELECT 1; SELECT 2") } } throws: { error in
                (error as? DatabaseError)?.code == .invalidQuery
            }
            let trailing = try await database.read { try $0.query("SELECT 1 AS one; -- a comment\n;") }
            #expect(trailing.count == 1)
        }
    }

    @Test func wrongBindCountIsRejected() async throws {
        try await TestDatabases.withSQLite { try await DatabaseScenarios.wrongBindCountIsRejected($0) }
    }

    @Test func statementCacheSurvivesSchemaChange() async throws {
        try await TestDatabases.withSQLite(readerCount: 0) { database in
            try await database.transaction { try $0.execute("CREATE TABLE t (a INTEGER)") }
            try await database.transaction { try $0.execute("INSERT INTO t (a) VALUES (1)") }
            let before = try await database.read { try $0.query("SELECT * FROM t") }
            #expect(before.first?.columns == ["a"])
            try await database.transaction { try $0.execute("ALTER TABLE t ADD COLUMN b INTEGER NOT NULL DEFAULT 2") }
            let after = try await database.read { try $0.query("SELECT * FROM t") }
            #expect(after.first?.columns == ["a", "b"])
            #expect(after.first?["b"] == .integer(2))
        }
    }

    @Test func inMemoryDatabaseSharesOneConnection() async throws {
        let database = try SQLiteDatabase(path: ":memory:")
        try await database.transaction { try $0.execute("CREATE TABLE t (id INTEGER)") }
        let rows = try await database.read { try $0.query("SELECT * FROM t") }
        #expect(rows.isEmpty)
        await database.close()
    }

    @Test func callsAfterCloseFail() async throws {
        try await TestDatabases.withSQLitePath { path in
            let database = try SQLiteDatabase(path: path)
            await database.close()
            await #expect { try await database.read { try $0.query("SELECT 1") } } throws: { error in
                (error as? DatabaseError)?.code == .connectionFailed
            }
            #expect(await database.isReachable() == false)
        }
    }

    @Test func unopenableFileFailsToConnect() {
        #expect { try SQLiteDatabase(path: "/proc/cairn-no-such-dir/test.sqlite3") } throws: { error in
            (error as? DatabaseError)?.code == .connectionFailed
        }
    }
}
