import Foundation

/// A day of the proleptic Gregorian calendar with no time zone, written `YYYY-MM-DD` in JSON and in both
/// databases, where the text sorts in date order. Projects and tasks share it, so both accept the same dates.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The latest date the API accepts or computes.
    public static let latest = CalendarDate(checkedYear: 9999, month: 12, day: 31)

    private init(checkedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` with a year from 0001 to 9999; nil for any other form or a day the month lacks.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        guard let year = Self.number(bytes[0..<4]), let month = Self.number(bytes[5..<7]),
            let day = Self.number(bytes[8..<10])
        else { return nil }
        guard year >= 1, (1...12).contains(month), (1...Self.dayCount(month: month, year: year)).contains(day) else {
            return nil
        }
        self.init(checkedYear: year, month: month, day: day)
    }

    /// The date `dayNumber` days after 1970-01-01; nil outside the years 0001–9999.
    public init?(dayNumber: Int) {
        // Converts from the day count by working in 400-year eras that start on March 1, where every
        // era has the same 146,097 days and February, the irregular month, comes last in each year.
        let shifted = dayNumber + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let marchMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * marchMonth + 2) / 5 + 1
        let month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        guard (1...9999).contains(year) else { return nil }
        self.init(checkedYear: year, month: month, day: day)
    }

    /// Returns the current date in UTC.
    public static func today(now: Date = Date()) -> CalendarDate {
        let days = Int((now.timeIntervalSince1970 / 86_400).rounded(.down))
        return CalendarDate(dayNumber: days) ?? .latest
    }

    /// Days since 1970-01-01, negative before it.
    public var dayNumber: Int {
        let marchYear = self.month <= 2 ? self.year - 1 : self.year
        let era = (marchYear >= 0 ? marchYear : marchYear - 399) / 400
        let yearOfEra = marchYear - era * 400
        let marchMonth = (self.month + 9) % 12
        let dayOfYear = (153 * marchMonth + 2) / 5 + self.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Returns the date `days` later, or nil past 9999-12-31.
    public func adding(days: Int) -> CalendarDate? {
        CalendarDate(dayNumber: self.dayNumber + days)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        String(format: "%04d-%02d-%02d", self.year, self.month, self.day)
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func dayCount(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return isLeap ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }
}
