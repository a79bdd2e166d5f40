import Foundation
import Platform
import Testing

@Suite struct CursorTests {
    @Test func roundTrips() throws {
        let id = UUID().uuidString.lowercased()
        let cursor = Cursor.encode(key: "2026-12-04T19:22:36.123Z", id: id)
        #expect(!cursor.contains("="))
        let decoded = try #require(Cursor.decode(cursor))
        #expect(decoded.key == "2026-12-04T19:22:36.123Z")
        #expect(decoded.id == id)
    }

    @Test(arguments: ["", "!!!", "bm90IGEgY3Vyc29y", String(repeating: "a", count: 600)])
    func rejectsForeignCursors(_ cursor: String) {
        #expect(Cursor.decode(cursor) == nil)
    }

    @Test func pageRequestValidatesLimit() throws {
        #expect(try PageRequest(query: [:]).limit == 50)
        #expect(try PageRequest(query: ["limit": "200"]).limit == 200)
        for bad in ["0", "201", "-1", "ten", "1.5"] {
            #expect(throws: (any Error).self) { try PageRequest(query: ["limit": bad]) }
        }
    }
}
