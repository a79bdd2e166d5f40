import HTTPServer
import Testing

@Suite struct JSONParserTests {
    private func parse(_ text: String, maxDepth: Int = 64) throws(JSONParseError) -> JSONValue {
        try JSONParser(maxDepth: maxDepth).parse(Array(text.utf8))
    }

    @Test func parsesNestedDocument() throws {
        let value = try self.parse(#"{"a": [1, -2.5, true, null, "x\u00e9\n"], "b": {"c": 12345678901}}"#)
        #expect(value["a"] == .array([.int(1), .double(-2.5), .bool(true), .null, .string("xé\n")]))
        #expect(value["b"]?["c"] == .int(12_345_678_901))
    }

    @Test func keepsMemberOrder() throws {
        guard case .object(let object) = try self.parse(#"{"z": 1, "a": 2, "m": 3}"#) else {
            Issue.record("not an object")
            return
        }
        #expect(object.keys == ["z", "a", "m"])
    }

    @Test func keepsEscapedNULForFieldValidation() throws {
        #expect(try self.parse(#""a\u0000b""#) == .string("a\u{0}b"))
    }

    @Test func decodesSurrogatePairs() throws {
        #expect(try self.parse(#""\ud83d\ude00""#) == .string("😀"))
    }

    @Test(arguments: [
        "", "{", #"{"a": 1"#, #"{"a" 1}"#, "[1,]", "{,}", "01", "1.", "-", "1e", "tru", "nul", #""abc"#,
        #"{"a": 1} x"#, "\"\u{01}\"", #""\x""#, #""\ud800""#, #""\udc00\ud800""#,
        #"{"a": 1, "a": 2}"#, "NaN", "Infinity", "1e999", "'a'",
    ])
    func rejectsInvalidInput(_ text: String) {
        #expect(throws: JSONParseError.self) { try self.parse(text) }
    }

    @Test func rejectsInvalidUTF8InStrings() {
        let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
        #expect(throws: JSONParseError.self) { try JSONParser().parse(bytes) }
    }

    @Test func enforcesDepthLimit() throws {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParseError.self) { try self.parse(deep) }

        let allowed = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        _ = try self.parse(allowed)
        let tooDeep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(throws: JSONParseError.self) { try self.parse(tooDeep) }
    }

    @Test func serializationRoundTrips() throws {
        let value: JSONValue = ["text": "quote \" backslash \\ tab \t control \u{01}", "list": [1, 2.5, nil, false]]
        let bytes = value.serialized()
        #expect(try JSONParser().parse(bytes) == value)
    }

    @Test func serializesCompactly() {
        let value: JSONValue = ["success": true, "data": ["status": "ok"]]
        #expect(String(decoding: value.serialized(), as: UTF8.self) == #"{"success":true,"data":{"status":"ok"}}"#)
    }
}
