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

@Suite struct TimestampTests {
    @Test func formatsWithMillisecondsInUTC() {
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_796_412_156.123)) == "2026-12-04T19:22:36.123Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
    }

    @Test func parsesOffsetsAndFractions() throws {
        let date = try #require(Timestamp.parse("2026-12-04T20:22:36.123+01:00"))
        #expect(Timestamp.format(date) == "2026-12-04T19:22:36.123Z")
        #expect(Timestamp.parse("2026-12-04T19:22:36Z") != nil)
        #expect(Timestamp.parse("2026-12-04") == nil)
        #expect(Timestamp.parse("yesterday") == nil)
    }
}
