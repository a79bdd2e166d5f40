import Database
import Foundation
import Testing

@Suite(.serialized, .enabled(if: TestDatabases.postgresServerURL != nil, TestDatabases.postgresSkipMessage))
struct PostgresDatabaseTests {
    @Test func roundTripEveryType() async throws {
        try await TestDatabases.withPostgres { try await DatabaseScenarios.roundTripEveryType($0) }
    }

    @Test func placeholdersBindByNumber() async throws {
        try await TestDatabases.withPostgres { try await DatabaseScenarios.placeholdersBindByNumber($0) }
    }

    @Test func uniqueViolationIsMapped() async throws {
        try await TestDatabases.withPostgres { try await DatabaseScenarios.uniqueViolationIsMapped($0) }
    }

    @Test func foreignKeyViolationIsMapped() async throws {
        try await TestDatabases.withPostgres { try await DatabaseScenarios.foreignKeyViolationIsMapped($0) }
    }

    @Test func invalidQueryIsMapped() async throws {
        try await TestDatabases.withPostgres { try await DatabaseScenarios.invalidQueryIsMapped($0) }
    }

    @Test func wrongBindCountIsRejected() async throws {
        try await TestDatabases.withPostgres { try await DatabaseScenarios.wrongBindCountIsRejected($0) }
    }

    @Test func transactionRollsBackOnThrow() async throws {
        try await TestDatabases.withPostgres { try await DatabaseScenarios.transactionRollsBackOnThrow($0) }
    }

    @Test func concurrentTransactionsCountExactly() async throws {
        try await TestDatabases.withPostgres(poolSize: 8) {
            try await DatabaseScenarios.concurrentTransactionsCountExactly($0)
        }
    }

    @Test func concurrentReadsSucceed() async throws {
        try await TestDatabases.withPostgres { try await DatabaseScenarios.concurrentReadsSucceed($0) }
    }

    @Test func timestamptzDecodesMillisecondsAndMicroseconds() async throws {
        try await TestDatabases.withPostgres { database in
            let row = try await database.read { connection in
                try connection.queryFirst(
                    """
                    SELECT '2026-12-04 19:22:36.123+00'::timestamptz AS millis,
                           '2026-12-04 19:22:36.123456+00'::timestamptz AS micros,
                           '2026-12-04 21:22:36+02'::timestamptz AS offset_zone,
                           now() AS current
                    """
                )
            }
            let found = try #require(row)
            #expect(found["millis"] == .text("2026-12-04 19:22:36.123+00"), "the session runs in UTC with ISO output")
            #expect(try found.decode("millis", as: Date.self) == DatabaseScenarios.sampleDate)
            let micros = try found.decode("micros", as: Date.self)
            #expect(abs(micros.timeIntervalSince1970 - 1_796_412_156.123456) < 1e-6)
            #expect(try found.decode("offset_zone", as: Date.self) == Date(timeIntervalSince1970: 1_796_412_156))
            #expect(abs(try found.decode("current", as: Date.self).timeIntervalSinceNow) < 60)
        }
    }

    @Test func resultTypesMapToValues() async throws {
        try await TestDatabases.withPostgres { database in
            let row = try await database.read { connection in
                try connection.queryFirst(
                    """
                    SELECT 1::int2 AS small, 2::int4 AS regular, 3::int8 AS big, 1.5::float4 AS real,
                           'NaN'::float8 AS nan, true AS yes, '\\x00ff'::bytea AS bytes, 1.25::numeric AS decimal,
                           NULL::text AS nothing
                    """
                )
            }
            let found = try #require(row)
            #expect(found["small"] == .integer(1))
            #expect(found["regular"] == .integer(2))
            #expect(found["big"] == .integer(3))
            #expect(found["real"] == .double(1.5))
            #expect(try found.decode("nan", as: Double.self).isNaN)
            #expect(found["yes"] == .bool(true))
            #expect(found["bytes"] == .blob([0, 255]))
            #expect(try found.decode("decimal", as: Double.self) == 1.25)
            #expect(found["nothing"] == .null)
        }
    }

    @Test func abortedTransactionThrowsInsteadOfCommitting() async throws {
        try await TestDatabases.withPostgres { database in
            try await database.transaction { try $0.execute("CREATE TABLE t (id integer PRIMARY KEY)") }
            await #expect(throws: DatabaseError.self) {
                try await database.transaction { connection in
                    try connection.execute("INSERT INTO t (id) VALUES (1)")
                    _ = try? connection.execute("INSERT INTO t (id) VALUES (1)")
                }
            }
            let count = try await database.read {
                try $0.queryFirst("SELECT count(*) AS n FROM t")?.decode("n", as: Int.self)
            }
            #expect(count == 0)
        }
    }

    @Test func openTransactionFromReadIsRolledBack() async throws {
        try await TestDatabases.withPostgres(poolSize: 1) { database in
            try await database.transaction { try $0.execute("CREATE TABLE t (id integer PRIMARY KEY)") }
            try await database.read { connection in
                try connection.execute("BEGIN")
                try connection.execute("INSERT INTO t (id) VALUES (1)")
            }
            let count = try await database.read {
                try $0.queryFirst("SELECT count(*) AS n FROM t")?.decode("n", as: Int.self)
            }
            #expect(count == 0)
        }
    }

    @Test func statementCacheStaysBounded() async throws {
        try await TestDatabases.withPostgres(poolSize: 1) { database in
            let prepared = try await database.read { connection in
                for number in 0..<300 {
                    let row = try connection.queryFirst("SELECT $1::int + \(number) AS n", [1])
                    #expect(try row?.decode("n", as: Int.self) == number + 1)
                }
                return try connection.queryFirst("SELECT count(*) AS n FROM pg_prepared_statements")?.decode(
                    "n",
                    as: Int.self
                )
            }
            let count = try #require(prepared)
            #expect(count > 0)
            #expect(count <= 256)
        }
    }

    @Test func schemaChangeRepreparesStatement() async throws {
        try await TestDatabases.withPostgres(poolSize: 1) { database in
            try await database.transaction {
                try $0.executeScript("CREATE TABLE t (a integer); INSERT INTO t VALUES (1);")
            }
            let before = try await database.read { try $0.query("SELECT * FROM t") }
            #expect(before.first?.columns == ["a"])
            try await database.transaction { try $0.execute("ALTER TABLE t ADD COLUMN b integer NOT NULL DEFAULT 2") }
            let after = try await database.read { try $0.query("SELECT * FROM t") }
            #expect(after.first?.columns == ["a", "b"])
            #expect(after.first?["b"] == .integer(2))
        }
    }

    @Test func reconnectsAfterBackendIsTerminated() async throws {
        try await TestDatabases.withPostgresURL { url in
            let database = try PostgresDatabase(url: url, poolSize: 3)
            let monitor = try PostgresDatabase(url: url, poolSize: 1)

            // Open all three connections and cache a prepared statement on each.
            let first = try await self.backendPIDs(database, count: 3)
            #expect(first.count == 3)

            let terminated = try await monitor.read { connection in
                try connection.query(
                    "SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE pid = ANY($1::int[])",
                    [.text("{\(first.sorted().map(String.init).joined(separator: ","))}")]
                )
            }
            #expect(terminated.count == 3)
            for _ in 0..<100 {
                let alive = try await monitor.read { connection in
                    try connection.queryFirst(
                        "SELECT count(*) AS n FROM pg_stat_activity WHERE pid = ANY($1::int[])",
                        [.text("{\(first.sorted().map(String.init).joined(separator: ","))}")]
                    )?.decode("n", as: Int.self)
                }
                if alive == 0 {
                    break
                }
                try await Task.sleep(for: .milliseconds(20))
            }

            let second = try await self.backendPIDs(database, count: 3)
            #expect(second.isDisjoint(with: first), "every connection reconnected with a new backend")
            #expect(await database.isReachable())
            await database.close()
            await monitor.close()
        }
    }

    @Test func lostConnectionFailsThenRecovers() async throws {
        try await TestDatabases.withPostgresURL { url in
            let database = try PostgresDatabase(url: url, poolSize: 1)
            let monitor = try PostgresDatabase(url: url, poolSize: 1)
            let pid = try await database.read {
                try $0.queryFirst("SELECT pg_backend_pid() AS pid")?.decode("pid", as: Int.self) ?? -1
            }

            // The backend dies while a job is using the connection, so that job fails.
            let sleeping = Task { try await database.read { try $0.execute("SELECT pg_sleep(5)") } }
            try await Task.sleep(for: .milliseconds(300))
            try await monitor.read { try $0.execute("SELECT pg_terminate_backend($1::int)", [.int(pid)]) }
            await #expect { try await sleeping.value } throws: { error in
                (error as? DatabaseError)?.code == .connectionFailed
            }

            let newPID = try await database.read {
                try $0.queryFirst("SELECT pg_backend_pid() AS pid")?.decode("pid", as: Int.self)
            }
            #expect(newPID != nil)
            #expect(newPID != pid)
            await database.close()
            await monitor.close()
        }
    }

    @Test func createDatabaseIfMissingIsIdempotent() async throws {
        let serverURL = try #require(TestDatabases.postgresServerURL)
        let name = "cairn_test_create_\(UInt32.random(in: 0...UInt32.max))"
        try PostgresDatabase.createDatabaseIfMissing(serverURL: serverURL, name: name)
        try PostgresDatabase.createDatabaseIfMissing(serverURL: serverURL, name: name)

        let server = try PostgresDatabase(url: serverURL, poolSize: 1)
        let count = try await server.read {
            try $0.queryFirst("SELECT count(*) AS n FROM pg_database WHERE datname = $1", [.text(name)])?.decode(
                "n",
                as: Int.self
            )
        }
        #expect(count == 1)
        try await server.read { try $0.executeScript("DROP DATABASE \(name)") }
        await server.close()
    }

    @Test(arguments: ["", "Users", "a-b", "x; DROP DATABASE postgres", String(repeating: "a", count: 64)])
    func createDatabaseRejectsInvalidName(name: String) throws {
        let serverURL = try #require(TestDatabases.postgresServerURL)
        #expect { try PostgresDatabase.createDatabaseIfMissing(serverURL: serverURL, name: name) } throws: { error in
            (error as? DatabaseError)?.code == .invalidQuery
        }
    }

    @Test func unreachableServerFailsToConnect() {
        #expect { try PostgresDatabase(url: "postgres://postgres@127.0.0.1:1/postgres?connect_timeout=2") } throws: {
            error in
            (error as? DatabaseError)?.code == .connectionFailed
        }
        #expect { try PostgresDatabase(url: "postgres://[bad") } throws: { error in
            (error as? DatabaseError)?.code == .connectionFailed
        }
    }

    /// Backend process ids of `count` different pool connections, found by holding each one busy.
    private func backendPIDs(_ database: PostgresDatabase, count: Int) async throws -> Set<Int> {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<count {
                group.addTask {
                    try await database.read { connection in
                        try connection.execute("SELECT pg_sleep(0.2)")
                        return try connection.queryFirst("SELECT pg_backend_pid() AS pid")?.decode("pid", as: Int.self)
                            ?? -1
                    }
                }
            }
            return try await group.reduce(into: Set<Int>()) { $0.insert($1) }
        }
    }
}
