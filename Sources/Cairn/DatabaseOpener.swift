import Database
import Foundation
import Platform

/// Opens the database a service owns: a SQLite file in the data directory, or PostgreSQL when configured.
enum DatabaseOpener {
    static func open(for service: ServiceName, settings: Settings) throws -> any Database {
        let name = service.databaseName
        if let url = settings.serviceDatabaseURLs[name] {
            return try self.openPostgres(url: url)
        }
        if let server = settings.databaseURL {
            return try self.openPostgres(url: try PostgresURL.replacingDatabase(in: server, with: "cairn_\(name)"))
        }
        let path = (settings.dataDirectory as NSString).appendingPathComponent("\(name).sqlite3")
        return try SQLiteDatabase(path: path)
    }

    /// Creates the database named in `url` if it is missing, then opens a pool on it.
    private static func openPostgres(url: String) throws -> any Database {
        let database = try PostgresURL.databaseName(in: url)
        try PostgresDatabase.createDatabaseIfMissing(
            serverURL: try PostgresURL.replacingDatabase(in: url, with: "postgres"),
            name: database
        )
        return try PostgresDatabase(url: url, poolSize: 8)
    }
}

/// Editing the database part of `postgres://…/name?…` URLs.
enum PostgresURL {
    static func databaseName(in url: String) throws -> String {
        guard let components = URLComponents(string: url), components.path.count > 1 else {
            throw SettingsError("invalid PostgreSQL URL: use postgres://user:password@host:port/database")
        }
        return String(components.path.dropFirst())
    }

    static func replacingDatabase(in url: String, with name: String) throws -> String {
        guard var components = URLComponents(string: url),
            components.scheme == "postgres" || components.scheme == "postgresql"
        else {
            throw SettingsError("invalid PostgreSQL URL: use postgres://user:password@host:port/database")
        }
        components.path = "/" + name
        guard let result = components.string else {
            throw SettingsError("invalid PostgreSQL URL: use postgres://user:password@host:port/database")
        }
        return result
    }
}
