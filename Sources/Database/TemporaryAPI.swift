// Interface placeholder replaced by the real drivers.
import Foundation

public enum SQLDialect: String, Sendable { case sqlite, postgres }

public enum SQLValue: Sendable, Hashable {
    case null, integer(Int64), double(Double), text(String), blob([UInt8]), bool(Bool)
    public static func uuid(_ value: UUID) -> SQLValue { .text(value.uuidString.lowercased()) }
    public static func date(_ value: Date) -> SQLValue { .text("") }
}
extension SQLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

public protocol DatabaseConnection {
    var dialect: SQLDialect { get }
    func query(_ sql: String, _ binds: [SQLValue]) throws -> [Row]
    @discardableResult func execute(_ sql: String, _ binds: [SQLValue]) throws -> Int
}
extension DatabaseConnection {
    public func queryFirst(_ sql: String, _ binds: [SQLValue] = []) throws -> Row? { try self.query(sql, binds).first }
}

public protocol Database: Sendable {
    var dialect: SQLDialect { get }
    func read<T: Sendable>(_ body: @escaping @Sendable (any DatabaseConnection) throws -> T) async throws -> T
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any DatabaseConnection) throws -> T) async throws -> T
    func isReachable() async -> Bool
    func close() async
}

public protocol SQLDecodable {}
extension String: SQLDecodable {}
extension Int: SQLDecodable {}
extension Int64: SQLDecodable {}
extension Bool: SQLDecodable {}
extension Date: SQLDecodable {}
extension UUID: SQLDecodable {}
extension Optional: SQLDecodable where Wrapped: SQLDecodable {}

public struct Row: Sendable {
    public func decode<T: SQLDecodable>(_ column: String, as type: T.Type = T.self) throws -> T { fatalError() }
    public subscript(column: String) -> SQLValue? { nil }
}

public struct DatabaseError: Error, Sendable {
    public struct Code: Hashable, Sendable {
        let raw: Int
        public static let uniqueViolation = Code(raw: 1)
    }
    public var code: Code
    public var constraint: String?
}

public final class SQLiteDatabase: Database {
    public init(path: String, readerCount: Int = 4) throws {}
    public var dialect: SQLDialect { .sqlite }
    public func read<T: Sendable>(_ body: @escaping @Sendable (any DatabaseConnection) throws -> T) async throws -> T { fatalError() }
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any DatabaseConnection) throws -> T) async throws -> T { fatalError() }
    public func isReachable() async -> Bool { true }
    public func close() async {}
}
public final class PostgresDatabase: Database {
    public init(url: String, poolSize: Int = 8) throws {}
    public static func createDatabaseIfMissing(serverURL: String, name: String) throws {}
    public var dialect: SQLDialect { .postgres }
    public func read<T: Sendable>(_ body: @escaping @Sendable (any DatabaseConnection) throws -> T) async throws -> T { fatalError() }
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any DatabaseConnection) throws -> T) async throws -> T { fatalError() }
    public func isReachable() async -> Bool { true }
    public func close() async {}
}
public struct Migration: Sendable {
    public var version: Int; public var name: String; public var sql: String
    public init(version: Int, name: String, sql: String) { self.version = version; self.name = name; self.sql = sql }
}
public struct Migrator {
    public init(service: String) {}
    public func migrate(_ db: any Database, _ migrations: [Migration]) async throws -> [Int] { [] }
    public func pendingVersions(_ db: any Database, _ migrations: [Migration]) async throws -> [Int] { [] }
}
