/// A strict RFC 8259 parser with a nesting limit.
///
/// Beyond the RFC it rejects duplicate object keys, because which of two values would win is not defined.
public struct JSONParser {
    /// Deepest allowed nesting of arrays and objects.
    public var maxDepth: Int

    public init(maxDepth: Int = 64) {
        self.maxDepth = maxDepth
    }

    /// Parses one complete document; trailing non-whitespace is an error.
    public func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer throws(JSONParseError) in
            var reader = JSONReader(bytes: buffer, maxDepth: self.maxDepth)
            let value = try reader.readValue(depth: 0)
            reader.skipWhitespace()
            guard reader.isAtEnd else { throw reader.error("Unexpected data after the JSON document") }
            return value
        }
    }
}

/// Why a body is not acceptable JSON; `message` is safe to show to clients.
public struct JSONParseError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// Byte offset into the body where parsing stopped.
    public var offset: Int
    public var description: String { "\(self.message) at byte \(self.offset)" }
}

/// A cursor over the body's bytes.
struct JSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    var isAtEnd: Bool { self.position >= self.bytes.count }

    func error(_ message: String) -> JSONParseError {
        JSONParseError(message: message, offset: self.position)
    }

    mutating func skipWhitespace() {
        while self.position < self.bytes.count {
            switch self.bytes[self.position] {
            case 0x20, 0x09, 0x0A, 0x0D: self.position += 1
            default: return
            }
        }
    }

    mutating func readValue(depth: Int) throws(JSONParseError) -> JSONValue {
        self.skipWhitespace()
        guard !self.isAtEnd else { throw self.error("Unexpected end of JSON") }

        switch self.bytes[self.position] {
        case UInt8(ascii: "{"): return try self.readObject(depth: depth + 1)
        case UInt8(ascii: "["): return try self.readArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try self.readString())
        case UInt8(ascii: "t"):
            try self.expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try self.expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try self.expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try self.readNumber()
        default: throw self.error("Unexpected character in JSON")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        guard self.position + count <= self.bytes.count else { throw self.error("Unexpected end of JSON") }
        for i in 0..<count where self.bytes[self.position + i] != literal.utf8Start[i] {
            throw self.error("Invalid literal in JSON")
        }
        self.position += count
    }

    private mutating func readObject(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= self.maxDepth else { throw self.error("JSON is nested too deeply (limit \(self.maxDepth))") }
        self.position += 1
        var object = JSONObject()
        var seen = Set<String>()

        self.skipWhitespace()
        if !self.isAtEnd, self.bytes[self.position] == UInt8(ascii: "}") {
            self.position += 1
            return .object(object)
        }
        while true {
            self.skipWhitespace()
            guard !self.isAtEnd, self.bytes[self.position] == UInt8(ascii: "\"") else {
                throw self.error("Expected a string key in JSON object")
            }
            let key = try self.readString()
            guard seen.insert(key).inserted else {
                throw self.error("Duplicate key \"\(key.prefix(64))\" in JSON object")
            }

            self.skipWhitespace()
            guard !self.isAtEnd, self.bytes[self.position] == UInt8(ascii: ":") else {
                throw self.error("Expected ':' in JSON object")
            }
            self.position += 1
            object.appendUnchecked(key, try self.readValue(depth: depth))

            self.skipWhitespace()
            guard !self.isAtEnd else { throw self.error("Unexpected end of JSON") }
            let separator = self.bytes[self.position]
            self.position += 1
            if separator == UInt8(ascii: "}") { return .object(object) }
            guard separator == UInt8(ascii: ",") else { throw self.error("Expected ',' or '}' in JSON object") }
        }
    }

    private mutating func readArray(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= self.maxDepth else { throw self.error("JSON is nested too deeply (limit \(self.maxDepth))") }
        self.position += 1
        var elements: [JSONValue] = []

        self.skipWhitespace()
        if !self.isAtEnd, self.bytes[self.position] == UInt8(ascii: "]") {
            self.position += 1
            return .array(elements)
        }
        while true {
            elements.append(try self.readValue(depth: depth))
            self.skipWhitespace()
            guard !self.isAtEnd else { throw self.error("Unexpected end of JSON") }
            let separator = self.bytes[self.position]
            self.position += 1
            if separator == UInt8(ascii: "]") { return .array(elements) }
            guard separator == UInt8(ascii: ",") else { throw self.error("Expected ',' or ']' in JSON array") }
        }
    }
}
