import Foundation

/// An SQLite database file with one writer connection and `readerCount` reader connections.
///
/// Transactions run one at a time on the writer (`BEGIN IMMEDIATE`), which also serialises them
/// against other processes that open the same file. Reads run concurrently on the `query_only`
/// readers. In WAL mode a reader does not wait for the writer's transactions (SQLite's "Write-Ahead
/// Logging" documentation), only for its own turn in this pool.
public final class SQLiteDatabase: Database {
    public let dialect = SQLDialect.sqlite
    /// The database file path as given to `init`.
    public let path: String
    private let writer: ConnectionPool<SQLiteConnection>
    /// nil when reads share the writer, as for an in-memory database or `readerCount` 0.
    private let readers: ConnectionPool<SQLiteConnection>?

    /// Opens or creates the database file at `path`, creating its parent directories.
    ///
    /// `readerCount` reader connections, each with its own thread, serve `read`; with 0, reads
    /// run on the writer and may write. `":memory:"` opens a private in-memory database that uses
    /// the writer for everything, because every connection to it would see its own database.
    /// Throws `DatabaseError` with code `.connectionFailed` if the file cannot be opened.
    public init(path: String, readerCount: Int = 4) throws {
        precondition(readerCount >= 0, "readerCount must not be negative")
        self.path = path
        let inMemory = path == ":memory:" || path.isEmpty
        if !inMemory {
            try Self.createParentDirectory(of: path)
        }

        let writerConnection = try SQLiteConnection(path: path, role: .writer)
        var readerConnections = [SQLiteConnection]()
        do {
            for _ in 0..<(inMemory ? 0 : readerCount) {
                readerConnections.append(try SQLiteConnection(path: path, role: .reader))
            }
        } catch {
            writerConnection.close()
            readerConnections.forEach { $0.close() }
            throw error
        }

        let threadName = "sqlite-" + URL(fileURLWithPath: path).lastPathComponent
        self.writer = ConnectionPool(connections: [writerConnection], name: threadName + "-writer")
        self.readers =
            readerConnections.isEmpty
            ? nil : ConnectionPool(connections: readerConnections, name: threadName + "-reader")
    }

    deinit {
        self.writer.shutDown()
        self.readers?.shutDown()
    }

    @discardableResult
    public func read<T: Sendable>(_ body: @escaping @Sendable (any DatabaseConnection) throws -> T) async throws -> T {
        try await (self.readers ?? self.writer).run(transaction: false, body)
    }

    @discardableResult
    public func transaction<T: Sendable>(
        _ body: @escaping @Sendable (any DatabaseConnection) throws -> T
    ) async throws -> T {
        try await self.writer.run(transaction: true, body)
    }

    public func close() async {
        await self.readers?.close()
        await self.writer.close()
    }

    private static func createParentDirectory(of path: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw DatabaseError(
                .connectionFailed,
                message:
                    "cannot create directory \(directory.path) for SQLite database \(path): \(error.localizedDescription)",
                function: "FileManager.createDirectory"
            )
        }
    }
}
