import Database
import Foundation
import Testing

/// Migrations for a small users table, written for `dialect`.
func userMigrations(_ dialect: SQLDialect) -> [Migration] {
    let idType = dialect == .sqlite ? "TEXT" : "uuid"
    return [
        Migration(
            version: 2,
            name: "add users.active",
            sql: "ALTER TABLE users ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;"
        ),
        Migration(
            version: 1,
            name: "create users",
            sql: """
                CREATE TABLE users (id \(idType) PRIMARY KEY, email TEXT NOT NULL UNIQUE);
                CREATE INDEX users_email ON users (email);
                """
        ),
        Migration(
            version: 3,
            name: "create sessions",
            sql: "CREATE TABLE sessions (id INTEGER PRIMARY KEY, user_id \(idType) NOT NULL REFERENCES users (id));"
        ),
    ]
}

/// Checks that run the same way against SQLite and PostgreSQL.
enum MigratorScenarios {
    static func appliesOnce(_ database: any Database) async throws {
        let migrator = Migrator(service: "users")
        let migrations = userMigrations(database.dialect)
        #expect(try await migrator.pendingVersions(database, migrations) == [1, 2, 3])

        let first = try await migrator.migrate(database, migrations)
        #expect(first == [1, 2, 3])
        let second = try await migrator.migrate(database, migrations)
        #expect(second == [])
        #expect(try await migrator.pendingVersions(database, migrations) == [])

        let recorded = try await database.read { connection in
            try connection.query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version")
        }
        #expect(try recorded.map { try $0.decode("version", as: Int.self) } == [1, 2, 3])
        #expect(try recorded[0].decode("name", as: String.self) == "create users")
        let appliedAt = try recorded[0].decode("applied_at", as: Date.self)
        #expect(abs(appliedAt.timeIntervalSinceNow) < 60)

        let more =
            migrations + [Migration(version: 4, name: "add users.name", sql: "ALTER TABLE users ADD COLUMN name TEXT;")]
        #expect(try await migrator.pendingVersions(database, more) == [4])
        #expect(try await migrator.migrate(database, more) == [4])
    }

    static func failedMigrationRollsBack(_ database: any Database) async throws {
        let migrator = Migrator(service: "users")
        let broken = [
            Migration(version: 1, name: "create t", sql: "CREATE TABLE t (id INTEGER PRIMARY KEY);"),
            Migration(
                version: 2,
                name: "broken",
                sql: "CREATE TABLE u (id INTEGER PRIMARY KEY); INSERT INTO no_such_table VALUES (1);"
            ),
        ]
        await #expect(throws: DatabaseError.self) { try await migrator.migrate(database, broken) }
        #expect(try await migrator.pendingVersions(database, broken) == [2])

        let exists: String =
            switch database.dialect {
            case .sqlite: "SELECT count(*) AS n FROM sqlite_master WHERE name = 'u'"
            case .postgres: "SELECT count(*) AS n FROM pg_tables WHERE tablename = 'u'"
            }
        let count = try await database.read { try $0.queryFirst(exists)?.decode("n", as: Int.self) }
        #expect(count == 0, "table u of the failed migration was rolled back")
    }

    static func concurrentMigratorsApplyEachVersionOnce(_ first: any Database, _ second: any Database) async throws {
        let migrations = userMigrations(first.dialect)
        async let fromFirst = Migrator(service: "users").migrate(first, migrations)
        async let fromSecond = Migrator(service: "users").migrate(second, migrations)
        let applied = try await fromFirst + fromSecond
        #expect(applied.sorted() == [1, 2, 3])
    }
}

@Suite struct MigratorTests {
    @Test func rejectsDuplicateVersions() async throws {
        try await TestDatabases.withSQLite { database in
            let duplicated = [
                Migration(version: 1, name: "a", sql: "SELECT 1;"), Migration(version: 1, name: "b", sql: "SELECT 1;"),
            ]
            await #expect { try await Migrator(service: "x").migrate(database, duplicated) } throws: { error in
                (error as? DatabaseError)?.code == .invalidQuery
            }
        }
    }

    @Test func sqliteAppliesOnce() async throws {
        try await TestDatabases.withSQLite { try await MigratorScenarios.appliesOnce($0) }
    }

    @Test func sqliteFailedMigrationRollsBack() async throws {
        try await TestDatabases.withSQLite { try await MigratorScenarios.failedMigrationRollsBack($0) }
    }

    @Test func sqliteConcurrentMigratorsApplyOnce() async throws {
        try await TestDatabases.withSQLitePath { path in
            let first = try SQLiteDatabase(path: path)
            let second = try SQLiteDatabase(path: path)
            try await MigratorScenarios.concurrentMigratorsApplyEachVersionOnce(first, second)
            await first.close()
            await second.close()
        }
    }

    @Test(.enabled(if: TestDatabases.postgresServerURL != nil, TestDatabases.postgresSkipMessage))
    func postgresAppliesOnce() async throws {
        try await TestDatabases.withPostgres { try await MigratorScenarios.appliesOnce($0) }
    }

    @Test(.enabled(if: TestDatabases.postgresServerURL != nil, TestDatabases.postgresSkipMessage))
    func postgresFailedMigrationRollsBack() async throws {
        try await TestDatabases.withPostgres { try await MigratorScenarios.failedMigrationRollsBack($0) }
    }

    @Test(.enabled(if: TestDatabases.postgresServerURL != nil, TestDatabases.postgresSkipMessage))
    func postgresConcurrentMigratorsApplyOnce() async throws {
        try await TestDatabases.withPostgresURL { url in
            let first = try PostgresDatabase(url: url, poolSize: 2)
            let second = try PostgresDatabase(url: url, poolSize: 2)
            try await MigratorScenarios.concurrentMigratorsApplyEachVersionOnce(first, second)
            await first.close()
            await second.close()
        }
    }
}
