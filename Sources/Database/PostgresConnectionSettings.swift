import CLibPQ
import Glibc

/// libpq connection parameters parsed from a URL such as
/// `postgres://user:pass@host:5432/db?sslmode=require`, or from a `key=value` string.
///
/// Contains the password if the URL has one, so never log it.
struct PostgresConnectionSettings: Sendable {
    /// Seconds that libpq waits for a connection if the URL sets no `connect_timeout`.
    /// NOTE: an estimate; long enough for a server across a data-center network, short enough
    /// that a health check does not hang.
    static let defaultConnectTimeoutSeconds = "10"

    private(set) var keywords: [String]
    private(set) var values: [String]

    /// Parses `url` with `PQconninfoParse`, adding UTF-8 client encoding, the application name
    /// `cairn` and a connect timeout where the URL sets none.
    ///
    /// Throws `DatabaseError` with code `.connectionFailed` if libpq rejects the URL; the message
    /// is libpq's, which does not repeat the URL or its password.
    init(url: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(url, &errorMessage) else {
            let reason = errorMessage.map { String(cString: $0) } ?? "out of memory"
            PQfreemem(errorMessage)
            throw DatabaseError(
                .connectionFailed,
                message: "invalid PostgreSQL URL: \(Self.trimmed(reason))",
                function: "PQconninfoParse"
            )
        }
        defer { PQconninfoFree(options) }

        self.keywords = []
        self.values = []
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val {
                self.keywords.append(String(cString: keyword))
                self.values.append(String(cString: value))
            }
            option += 1
        }
        self.setDefault("client_encoding", "UTF8")
        self.setDefault("fallback_application_name", "cairn")
        self.setDefault("connect_timeout", Self.defaultConnectTimeoutSeconds)
    }

    /// The database name, or nil if the URL names none (libpq then uses the user name).
    var databaseName: String? {
        self.keywords.firstIndex(of: "dbname").map { self.values[$0] }
    }

    /// Returns a copy that connects to the database `name` on the same server.
    func with(databaseName name: String) -> PostgresConnectionSettings {
        var copy = self
        if let index = copy.keywords.firstIndex(of: "dbname") {
            copy.values[index] = name
        } else {
            copy.keywords.append("dbname")
            copy.values.append(name)
        }
        return copy
    }

    /// Calls `PQconnectdbParams` with these parameters and returns its connection, which may be bad.
    func connect() -> OpaquePointer? {
        var cKeywords = self.keywords.map { strdup($0) }
        var cValues = self.values.map { strdup($0) }
        defer {
            cKeywords.forEach { free($0) }
            cValues.forEach { free($0) }
        }
        cKeywords.append(nil)
        cValues.append(nil)
        return cKeywords.withUnsafeBufferPointer { keywords in
            cValues.withUnsafeBufferPointer { values in
                keywords.withMemoryRebound(to: UnsafePointer<CChar>?.self) { keywords in
                    values.withMemoryRebound(to: UnsafePointer<CChar>?.self) { values in
                        PQconnectdbParams(keywords.baseAddress, values.baseAddress, 0)
                    }
                }
            }
        }
    }

    private mutating func setDefault(_ keyword: String, _ value: String) {
        if !self.keywords.contains(keyword) {
            self.keywords.append(keyword)
            self.values.append(value)
        }
    }

    /// libpq messages end with a newline.
    static func trimmed(_ message: String) -> String {
        var text = message
        while text.last?.isNewline == true || text.last == " " {
            text.removeLast()
        }
        return text
    }
}
