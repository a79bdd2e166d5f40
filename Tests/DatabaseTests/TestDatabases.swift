import Database
import Foundation
import Testing

/// Temporary SQLite files and PostgreSQL databases for the tests.
enum TestDatabases {
    /// The PostgreSQL server URL from `CAIRN_TEST_DATABASE_URL`, or nil to skip PostgreSQL tests.
    static let postgresServerURL = ProcessInfo.processInfo.environment["CAIRN_TEST_DATABASE_URL"].flatMap {
        $0.isEmpty ? nil : $0
    }

    static let postgresSkipMessage: Comment =
        "CAIRN_TEST_DATABASE_URL is not set; set it to a PostgreSQL server URL such as postgres://postgres@127.0.0.1:5432/postgres to run the PostgreSQL tests"

    /// Runs `body` with the path of a database file in a new temporary directory, removed afterwards.
    static func withSQLitePath(_ body: (String) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cairn-db-test-\(UUID().uuidString)"
        )
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(directory.appendingPathComponent("nested/dir/test.sqlite3").path)
    }

    /// Runs `body` with a new SQLite database in a temporary directory.
    static func withSQLite(readerCount: Int = 4, _ body: (SQLiteDatabase) async throws -> Void) async throws {
        try await self.withSQLitePath { path in
            let database = try SQLiteDatabase(path: path, readerCount: readerCount)
            do {
                try await body(database)
            } catch {
                await database.close()
                throw error
            }
            await database.close()
        }
    }

    /// Runs `body` with the URL of a new, empty PostgreSQL database, dropped afterwards.
    static func withPostgresURL(_ body: (String) async throws -> Void) async throws {
        let serverURL = try #require(self.postgresServerURL)
        let name = "cairn_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try PostgresDatabase.createDatabaseIfMissing(serverURL: serverURL, name: String(name))
        var components = try #require(URLComponents(string: serverURL))
        components.path = "/" + name
        let url = try #require(components.string)

        do {
            try await body(url)
        } catch {
            try? await self.dropPostgresDatabase(String(name), serverURL: serverURL)
            throw error
        }
        try await self.dropPostgresDatabase(String(name), serverURL: serverURL)
    }

    /// Runs `body` with a pool on a new, empty PostgreSQL database, dropped afterwards.
    static func withPostgres(poolSize: Int = 4, _ body: (PostgresDatabase) async throws -> Void) async throws {
        try await self.withPostgresURL { url in
            let database = try PostgresDatabase(url: url, poolSize: poolSize)
            do {
                try await body(database)
            } catch {
                await database.close()
                throw error
            }
            await database.close()
        }
    }

    private static func dropPostgresDatabase(_ name: String, serverURL: String) async throws {
        let server = try PostgresDatabase(url: serverURL, poolSize: 1)
        do {
            try await server.read { connection in
                try connection.executeScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            }
        } catch {
            await server.close()
            throw error
        }
        await server.close()
    }
}
