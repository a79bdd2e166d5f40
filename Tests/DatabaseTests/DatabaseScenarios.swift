import Database
import Foundation
import Testing

/// Checks that run the same way against SQLite and PostgreSQL; each suite calls them with its database.
enum DatabaseScenarios {
    static let sampleDate = Date(timeIntervalSince1970: 1_796_412_156.123)
    static let sampleUUID = UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!
    static let sampleText = "Zoë's \"café\" ☕ $1 '$2'"
    static let sampleBytes: [UInt8] = [0, 1, 0x27, 0x5C, 0x7F, 0x80, 0xFF]

    static func createSamplesTable(_ database: any Database) async throws {
        let sql: String =
            switch database.dialect {
            case .sqlite:
                """
                CREATE TABLE samples (
                    id INTEGER PRIMARY KEY, name TEXT NOT NULL, count INTEGER NOT NULL,
                    ratio REAL NOT NULL, active INTEGER NOT NULL, token TEXT NOT NULL,
                    created_at TEXT NOT NULL, payload BLOB NOT NULL,
                    opt_name TEXT, opt_count INTEGER, opt_ratio REAL, opt_active INTEGER,
                    opt_token TEXT, opt_created_at TEXT, opt_payload BLOB
                )
                """
            case .postgres:
                """
                CREATE TABLE samples (
                    id bigint PRIMARY KEY, name text NOT NULL, count bigint NOT NULL,
                    ratio double precision NOT NULL, active boolean NOT NULL, token uuid NOT NULL,
                    created_at timestamptz NOT NULL, payload bytea NOT NULL,
                    opt_name text, opt_count bigint, opt_ratio double precision, opt_active boolean,
                    opt_token uuid, opt_created_at timestamptz, opt_payload bytea
                )
                """
            }
        try await database.transaction { try $0.execute(sql) }
    }

    static func roundTripEveryType(_ database: any Database) async throws {
        try await self.createSamplesTable(database)
        let insert = """
            INSERT INTO samples (id, name, count, ratio, active, token, created_at, payload,
                opt_name, opt_count, opt_ratio, opt_active, opt_token, opt_created_at, opt_payload)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
            """
        let inserted = try await database.transaction { connection in
            let full = try connection.execute(
                insert,
                [
                    1, .text(sampleText), .integer(Int64.min), .double(0.1), .bool(true), .uuid(sampleUUID),
                    .date(sampleDate), .blob(sampleBytes),
                    "x", .integer(Int64.max), .double(-1.5e-300), .bool(false), .uuid(sampleUUID), .date(sampleDate),
                    .blob([]),
                ]
            )
            let empty = try connection.execute(
                insert,
                [
                    2, "", 0, .double(-0.0), false, .uuid(sampleUUID), .date(Date(timeIntervalSince1970: 0)), .blob([]),
                    nil, nil, nil, nil, nil, nil, nil,
                ]
            )
            return full + empty
        }
        #expect(inserted == 2)

        let rows = try await database.read { try $0.query("SELECT * FROM samples ORDER BY id") }
        try #require(rows.count == 2)
        let full = rows[0]
        #expect(try full.decode("id", as: Int.self) == 1)
        #expect(try full.decode("name", as: String.self) == sampleText)
        #expect(try full.decode("count", as: Int64.self) == Int64.min)
        #expect(try full.decode("ratio", as: Double.self) == 0.1)
        #expect(try full.decode("active", as: Bool.self) == true)
        #expect(try full.decode("token", as: UUID.self) == sampleUUID)
        #expect(try full.decode("created_at", as: Date.self) == sampleDate)
        #expect(try full.decode("payload", as: [UInt8].self) == sampleBytes)
        #expect(try full.decode("opt_name", as: String?.self) == "x")
        #expect(try full.decode("opt_count", as: Int64?.self) == Int64.max)
        #expect(try full.decode("opt_ratio", as: Double?.self) == -1.5e-300)
        #expect(try full.decode("opt_active", as: Bool?.self) == false)
        #expect(try full.decode("opt_token", as: UUID?.self) == sampleUUID)
        #expect(try full.decode("opt_created_at", as: Date?.self) == sampleDate)
        #expect(try full.decode("opt_payload", as: [UInt8]?.self) == [])

        let empty = rows[1]
        #expect(try empty.decode("name", as: String.self) == "")
        #expect(try empty.decode("count", as: Int.self) == 0)
        #expect(try empty.decode("active", as: Bool.self) == false)
        #expect(try empty.decode("created_at", as: Date.self) == Date(timeIntervalSince1970: 0))
        #expect(try empty.decode("payload", as: [UInt8].self) == [])
        #expect(try empty.decode("opt_name", as: String?.self) == nil)
        #expect(try empty.decode("opt_count", as: Int?.self) == nil)
        #expect(try empty.decode("opt_ratio", as: Double?.self) == nil)
        #expect(try empty.decode("opt_active", as: Bool?.self) == nil)
        #expect(try empty.decode("opt_token", as: UUID?.self) == nil)
        #expect(try empty.decode("opt_created_at", as: Date?.self) == nil)
        #expect(try empty.decode("opt_payload", as: [UInt8]?.self) == nil)
        #expect { try empty.decode("opt_name", as: String.self) } throws: {
            ($0 as? DatabaseError)?.code == .decodingFailed
        }

        let byToken = try await database.read { connection in
            try connection.queryFirst(
                "SELECT id FROM samples WHERE token = $1 AND created_at = $2 AND active = $3",
                [
                    .uuid(sampleUUID), .date(sampleDate), .bool(true),
                ]
            )
        }
        #expect(try byToken?.decode("id", as: Int.self) == 1)
    }

    static func placeholdersBindByNumber(_ database: any Database) async throws {
        let row = try await database.read { connection in
            try connection.queryFirst(
                "SELECT $10 AS tenth, $2 AS second, '$1' AS literal, $1 AS first, $3 AS a3, $4 AS a4, $5 AS a5, $6 AS a6, $7 AS a7, $8 AS a8, $9 AS a9",
                ["one", "two", "3", "4", "5", "6", "7", "8", "9", "ten"]
            )
        }
        let found = try #require(row)
        #expect(try found.decode("tenth", as: String.self) == "ten")
        #expect(try found.decode("second", as: String.self) == "two")
        #expect(try found.decode("literal", as: String.self) == "$1")
        #expect(try found.decode("first", as: String.self) == "one")
    }

    static func createUsersTable(_ database: any Database) async throws {
        try await database.transaction { connection in
            try connection.executeScript(
                """
                CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, CONSTRAINT users_email_key UNIQUE (email));
                CREATE TABLE sessions (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id));
                """
            )
        }
    }

    static func uniqueViolationIsMapped(_ database: any Database) async throws {
        try await self.createUsersTable(database)
        try await database.transaction {
            try $0.execute("INSERT INTO users (id, email) VALUES ($1, $2)", [1, "a@example.com"])
        }

        await #expect {
            try await database.transaction {
                try $0.execute("INSERT INTO users (id, email) VALUES ($1, $2)", [2, "a@example.com"])
            }
        } throws: { error in
            guard let error = error as? DatabaseError else {
                return false
            }
            #expect(error.code == .uniqueViolation)
            #expect(error.constraint != nil)
            #expect(error.constraint?.contains("email") == true)
            #expect(error.sql?.contains("INSERT INTO users") == true)
            #expect(!error.description.contains("a@example.com"))
            return true
        }
    }

    static func foreignKeyViolationIsMapped(_ database: any Database) async throws {
        try await self.createUsersTable(database)
        await #expect {
            try await database.transaction {
                try $0.execute("INSERT INTO sessions (id, user_id) VALUES ($1, $2)", [1, 42])
            }
        } throws: { error in
            (error as? DatabaseError)?.code == .foreignKeyViolation
        }
    }

    static func invalidQueryIsMapped(_ database: any Database) async throws {
        await #expect { try await database.read { try $0.query("SELEKT 1") } } throws: { error in
            (error as? DatabaseError)?.code == .invalidQuery
        }
        await #expect { try await database.read { try $0.query("SELECT * FROM no_such_table") } } throws: { error in
            (error as? DatabaseError)?.code == .invalidQuery
        }
    }

    static func wrongBindCountIsRejected(_ database: any Database) async throws {
        for binds: [SQLValue] in [[1], [1, 2, 3]] {
            await #expect { try await database.read { try $0.query("SELECT $1 AS a, $2 AS b", binds) } } throws: {
                error in
                (error as? DatabaseError)?.code == .invalidQuery
            }
        }
        let row = try await database.read { try $0.queryFirst("SELECT $1 AS a, $2 AS b", [1, 2]) }
        #expect(row?["b"] != nil)
        #expect(await database.isReachable())
    }

    struct Abort: Error {}

    static func transactionRollsBackOnThrow(_ database: any Database) async throws {
        try await self.createUsersTable(database)
        await #expect(throws: Abort.self) {
            try await database.transaction { connection in
                try connection.execute("INSERT INTO users (id, email) VALUES ($1, $2)", [1, "a@example.com"])
                throw Abort()
            }
        }
        let count = try await database.read {
            try $0.queryFirst("SELECT count(*) AS n FROM users")?.decode("n", as: Int.self)
        }
        #expect(count == 0)

        // The connection is usable again after the rollback.
        try await database.transaction {
            try $0.execute("INSERT INTO users (id, email) VALUES ($1, $2)", [1, "a@example.com"])
        }
        let after = try await database.read {
            try $0.queryFirst("SELECT count(*) AS n FROM users")?.decode("n", as: Int.self)
        }
        #expect(after == 1)
    }

    static func concurrentTransactionsCountExactly(_ database: any Database) async throws {
        try await database.transaction { connection in
            try connection.executeScript(
                "CREATE TABLE counters (id INTEGER PRIMARY KEY, value INTEGER NOT NULL); INSERT INTO counters VALUES (1, 0);"
            )
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<100 {
                group.addTask {
                    try await database.transaction { connection in
                        let value =
                            try connection.queryFirst(
                                "SELECT value FROM counters WHERE id = 1 FOR UPDATE".forDialect(connection.dialect)
                            )?.decode("value", as: Int.self) ?? -1
                        try connection.execute("UPDATE counters SET value = $1 WHERE id = 1", [.int(value + 1)])
                    }
                }
            }
            try await group.waitForAll()
        }
        let value = try await database.read {
            try $0.queryFirst("SELECT value FROM counters WHERE id = 1")?.decode("value", as: Int.self)
        }
        #expect(value == 100)
    }

    static func concurrentReadsSucceed(_ database: any Database) async throws {
        let sums = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<200 {
                group.addTask {
                    try await database.read {
                        try $0.queryFirst("SELECT $1 + 1 AS n", [.int(index)])?.decode("n", as: Int.self) ?? -1
                    }
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(sums == (1...200).reduce(0, +))
        #expect(await database.isReachable())
    }
}

extension String {
    /// Drops `FOR UPDATE`, which SQLite lacks; its single writer already serialises transactions.
    func forDialect(_ dialect: SQLDialect) -> String {
        dialect == .sqlite ? self.replacingOccurrences(of: " FOR UPDATE", with: "") : self
    }
}
