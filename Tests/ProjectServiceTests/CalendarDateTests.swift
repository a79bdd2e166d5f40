import Foundation
import HTTPServer
import Platform
import Synchronization
import Testing

@testable import ProjectService

@Suite struct CalendarDateTests {
    @Test(arguments: ["2026-01-31", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31"])
    func parsesValidDates(_ text: String) throws {
        let date = try #require(CalendarDate(text))
        #expect(date.description == text)
    }

    @Test(arguments: [
        "2026-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "0000-01-01", "2026-1-01",
        "2026-01-01T00:00:00Z", "20260101", "2026/01/01", "", "２０２６-01-01", "+026-01-01",
    ])
    func rejectsInvalidDates(_ text: String) {
        #expect(CalendarDate(text) == nil)
    }

    @Test func dayNumbersMatchFoundation() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        for text in ["1970-01-01", "1969-12-31", "2000-03-01", "2024-02-29", "2026-12-04", "2100-03-01", "9999-12-31"] {
            let date = try #require(CalendarDate(text))
            let components = DateComponents(year: date.year, month: date.month, day: date.day)
            let instant = try #require(calendar.date(from: components))
            #expect(date.dayNumber == Int(instant.timeIntervalSince1970 / 86_400), "\(text)")
        }
    }

    @Test func dayNumbersRoundTrip() throws {
        for dayNumber in stride(from: -719_162, through: 2_932_896, by: 997) {
            let date = try #require(CalendarDate(dayNumber: dayNumber))
            #expect(date.dayNumber == dayNumber)
            #expect(CalendarDate(date.description) == date)
        }
    }

    @Test func addsDaysAcrossMonthsAndLeapYears() throws {
        let start = try #require(CalendarDate("2024-02-27"))
        #expect(start.adding(days: 2)?.description == "2024-02-29")
        #expect(start.adding(days: 3)?.description == "2024-03-01")
        #expect(start.adding(days: 366)?.description == "2025-02-27")
        #expect(try #require(CalendarDate("9999-12-31")).adding(days: 1) == nil)
    }

    @Test func todayUsesUTC() {
        let instant = Date(timeIntervalSince1970: 1_796_428_799)  // 2026-12-04T23:59:59Z
        #expect(CalendarDate.today(now: instant).description == "2026-12-04")
    }

    @Test func ordersByDate() throws {
        let earlier = try #require(CalendarDate("2026-01-31"))
        let later = try #require(CalendarDate("2026-02-01"))
        #expect(earlier < later)
        #expect(!(later < earlier))
    }
}

@Suite struct ProjectKeyTests {
    @Test(arguments: [
        ("Customer Portal Redesign", "CPR"), ("Website", "WEBS"), ("Café Crème", "CC"), ("Q3 marketing plan", "QMP"),
        ("X", "PROJ"), ("日本語", "PROJ"), ("A B C D E F G H", "ABCDEF"), ("Go", "GO"), ("Go 2", "GO"),
    ])
    func derivesBaseFromName(_ name: String, _ expected: String) {
        #expect(ProjectKey.base(from: name) == expected)
    }

    @Test func findsFirstFreeKey() {
        #expect(ProjectKey.firstFree(base: "CPR", taken: []) == "CPR")
        #expect(ProjectKey.firstFree(base: "CPR", taken: ["CPR"]) == "CPRA")
        #expect(ProjectKey.firstFree(base: "CPR", taken: ["CPR", "CPRA", "CPRB"]) == "CPRC")
        let oneLetter = Set((65...90).map { "CPR" + String(UnicodeScalar(UInt8($0))) })
        #expect(ProjectKey.firstFree(base: "CPR", taken: oneLetter.union(["CPR"])) == "CPRAA")
    }

    @Test(arguments: ["AB", "ABCDEFGHIJ", "WEB"])
    func acceptsValidKeys(_ key: String) {
        #expect(ProjectKey.problem(key) == nil)
    }

    @Test(arguments: ["A", "ABCDEFGHIJK", "web", "WEB1", "WÉB", "WE B", ""])
    func rejectsInvalidKeys(_ key: String) {
        #expect(ProjectKey.problem(key) != nil)
    }
}
