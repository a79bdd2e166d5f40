import Foundation
import Testing

@testable import Database

@Suite struct TimestampTests {
    /// 2026-12-04 19:22:36.123 UTC.
    let sample = Date(timeIntervalSince1970: 1_796_412_156.123)

    @Test func formatWritesMillisecondsAndZ() {
        #expect(SQLTimestamp.format(self.sample) == "2026-12-04T19:22:36.123Z")
        #expect(SQLTimestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(SQLTimestamp.format(Date(timeIntervalSince1970: -0.001)) == "1969-12-31T23:59:59.999Z")
        #expect(SQLTimestamp.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
    }

    @Test func formatDropsSubMilliseconds() {
        #expect(SQLTimestamp.format(Date(timeIntervalSince1970: 1.0009)) == "1970-01-01T00:00:01.000Z")
    }

    @Test func parseReadsOwnFormat() {
        #expect(SQLTimestamp.parse("2026-12-04T19:22:36.123Z") == self.sample)
    }

    @Test(arguments: [
        "2026-12-04 19:22:36.123+00",
        "2026-12-04 19:22:36.123000+00",
        "2026-12-04 19:22:36.123+00:00",
        "2026-12-04 21:22:36.123+02",
        "2026-12-05 00:52:36.123+05:30",
        "2026-12-04 14:22:36.123-0500",
        "2026-12-04T19:22:36.123",
    ])
    func parseReadsPostgresForms(text: String) {
        #expect(SQLTimestamp.parse(text) == self.sample)
    }

    @Test func parseReadsMicroseconds() throws {
        let date = try #require(SQLTimestamp.parse("2026-12-04 19:22:36.123456+00"))
        #expect(abs(date.timeIntervalSince1970 - 1_796_412_156.123456) < 1e-6)
    }

    @Test func parseReadsSQLiteCurrentTimestampAndDateOnly() {
        #expect(SQLTimestamp.parse("2026-12-04 19:22:36") == Date(timeIntervalSince1970: 1_796_412_156))
        #expect(SQLTimestamp.parse("2026-12-04") == Date(timeIntervalSince1970: 1_796_342_400))
    }

    @Test func parseReadsInfinity() {
        #expect(SQLTimestamp.parse("infinity") == .distantFuture)
        #expect(SQLTimestamp.parse("-infinity") == .distantPast)
    }

    @Test(arguments: [
        "", "2026", "2026-13-01", "2026-12-04X19:22:36", "2026-12-04 19:22:36+", "2026-12-04 19:22:36Zjunk",
        "0044-03-15 12:00:00+00 BC",
    ])
    func parseRejectsMalformedText(text: String) {
        #expect(SQLTimestamp.parse(text) == nil)
    }

    @Test func civilDateRoundTripsOverCenturies() {
        for days in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            let (year, month, day) = SQLTimestamp.civilDate(fromDays: days)
            #expect(SQLTimestamp.days(year: year, month: month, day: day) == days)
        }
    }
}
