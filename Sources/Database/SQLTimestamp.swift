import Foundation

/// Conversion between `Date` and the timestamp text that both dialects store and return.
///
/// Written form: `YYYY-MM-DDTHH:MM:SS.sssZ`, always UTC with milliseconds, so that text comparison
/// in SQLite orders by time. Read forms: that one, PostgreSQL's ISO output for `timestamptz`
/// (`2026-12-04 19:22:36.123456+00`, with any number of fraction digits and an offset such as
/// `+05:30`), `timestamp` without zone (taken as UTC), SQLite's `CURRENT_TIMESTAMP`
/// (`2026-12-04 19:22:36`), a date alone (midnight UTC), and PostgreSQL's `infinity`/`-infinity`.
/// The calendar arithmetic is the proleptic Gregorian one of Howard Hinnant's `days_from_civil`
/// and `civil_from_days` (https://howardhinnant.github.io/date_algorithms.html).
enum SQLTimestamp {
    /// Formats `date` as `YYYY-MM-DDTHH:MM:SS.sssZ`, dropping digits below the millisecond.
    ///
    /// The date is first rounded to the microsecond, because a `Date` near 2026 carries about
    /// 0.2 µs of binary noise and `….123` would otherwise become `….122`.
    static func format(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        // ±1e11 s is about ±3,000 years around 1970, far inside Int64 microseconds.
        let clamped = seconds.isNaN ? 0 : min(max(seconds, -1e11), 1e11)
        let micros = Int64((clamped * 1_000_000).rounded())
        let millis = floorDivide(micros, 1000)
        let days = floorDivide(millis, 86_400_000)
        let millisOfDay = millis - days * 86_400_000
        let (year, month, day) = civilDate(fromDays: days)

        guard (0...9999).contains(year) else {
            // NOTE: years outside 0...9999 get more or signed digits, so their text no longer sorts.
            let time = Int(millisOfDay)
            return "\(year)-\(pad(month, 2))-\(pad(day, 2))T\(pad(time / 3_600_000, 2)):"
                + "\(pad(time / 60_000 % 60, 2)):\(pad(time / 1000 % 60, 2)).\(pad(time % 1000, 3))Z"
        }

        return String(unsafeUninitializedCapacity: 24) { buffer in
            let time = Int(millisOfDay)
            writeDigits(Int(year), count: 4, into: buffer, at: 0)
            buffer[4] = UInt8(ascii: "-")
            writeDigits(month, count: 2, into: buffer, at: 5)
            buffer[7] = UInt8(ascii: "-")
            writeDigits(day, count: 2, into: buffer, at: 8)
            buffer[10] = UInt8(ascii: "T")
            writeDigits(time / 3_600_000, count: 2, into: buffer, at: 11)
            buffer[13] = UInt8(ascii: ":")
            writeDigits(time / 60_000 % 60, count: 2, into: buffer, at: 14)
            buffer[16] = UInt8(ascii: ":")
            writeDigits(time / 1000 % 60, count: 2, into: buffer, at: 17)
            buffer[19] = UInt8(ascii: ".")
            writeDigits(time % 1000, count: 3, into: buffer, at: 20)
            buffer[23] = UInt8(ascii: "Z")
            return 24
        }
    }

    /// Parses any of the read forms listed on the type, or returns nil.
    static func parse(_ text: String) -> Date? {
        if let date = text.utf8.withContiguousStorageIfAvailable({ parse(bytes: $0) }) {
            return date
        }
        return Array(text.utf8).withUnsafeBufferPointer { parse(bytes: $0) }
    }

    /// Parses UTF-8 bytes; `parse(_:)` documents the accepted forms.
    static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        var scanner = TimestampScanner(bytes: bytes)
        return scanner.scanDate()
    }

    /// Converts a proleptic Gregorian date to days since 1970-01-01.
    static func days(year: Int64, month: Int, day: Int) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = Int64((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1)
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Converts days since 1970-01-01 to a proleptic Gregorian date.
    static func civilDate(fromDays days: Int64) -> (year: Int64, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor < 0) ? quotient - 1 : quotient
    }

    private static func writeDigits(
        _ value: Int,
        count: Int,
        into buffer: UnsafeMutableBufferPointer<UInt8>,
        at start: Int
    ) {
        var remaining = value
        for index in stride(from: start + count - 1, through: start, by: -1) {
            buffer[index] = UInt8(ascii: "0") + UInt8(remaining % 10)
            remaining /= 10
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
