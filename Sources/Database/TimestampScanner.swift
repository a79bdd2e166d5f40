import Foundation

/// A cursor over timestamp text that `SQLTimestamp.parse(bytes:)` uses.
struct TimestampScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Scans a whole date, time and offset, or returns nil if any part is malformed or text remains.
    mutating func scanDate() -> Date? {
        if self.matches("infinity") {
            return .distantFuture
        }
        if self.matches("-infinity") {
            return .distantPast
        }

        guard let year = self.scanNumber(minimumDigits: 4, maximumDigits: 6),
            self.skip("-"), let month = self.scanNumber(digits: 2),
            self.skip("-"), let day = self.scanNumber(digits: 2),
            (1...12).contains(month), (1...31).contains(day)
        else {
            return nil
        }
        let days = SQLTimestamp.days(year: year, month: Int(month), day: Int(day))
        guard self.index < self.bytes.count else {
            return Date(timeIntervalSince1970: Double(days) * 86_400)
        }

        guard self.skip("T") || self.skip("t") || self.skip(" "),
            let hour = self.scanNumber(digits: 2), self.skip(":"),
            let minute = self.scanNumber(digits: 2),
            hour <= 24, minute <= 59
        else {
            return nil
        }
        var second: Int64 = 0
        if self.skip(":") {
            guard let value = self.scanNumber(digits: 2), value <= 60 else {
                return nil
            }
            second = value
        }

        let fractionMicros = self.scanFractionMicros()
        guard let offsetSeconds = self.scanOffsetSeconds(), self.index == self.bytes.count else {
            return nil
        }

        let secondsOfDay = hour * 3600 + minute * 60 + second
        let epochSeconds = days * 86_400 + secondsOfDay - offsetSeconds
        // Integer microseconds divided once give the Double nearest to the written decimal.
        return Date(timeIntervalSince1970: Double(epochSeconds * 1_000_000 + fractionMicros) / 1_000_000)
    }

    /// Scans `.digits` and returns them as microseconds (digits past the sixth are dropped), or 0.
    private mutating func scanFractionMicros() -> Int64 {
        guard self.skip(".") || self.skip(",") else {
            return 0
        }
        var micros: Int64 = 0
        var digits = 0
        while self.index < self.bytes.count, let digit = self.digit(at: self.index) {
            if digits < 6 {
                micros = micros * 10 + digit
                digits += 1
            }
            self.index += 1
        }
        while digits < 6 {
            micros *= 10
            digits += 1
        }
        return micros
    }

    /// Scans `Z`, `±HH`, `±HH:MM`, `±HHMM` or `±HH:MM:SS`; no offset at all means UTC.
    private mutating func scanOffsetSeconds() -> Int64? {
        if self.index == self.bytes.count {
            return 0
        }
        if self.skip("Z") || self.skip("z") {
            return 0
        }
        let sign: Int64
        if self.skip("+") {
            sign = 1
        } else if self.skip("-") {
            sign = -1
        } else {
            return nil
        }
        guard let hours = self.scanNumber(digits: 2) else {
            return nil
        }
        var seconds = hours * 3600
        let hasColon = self.skip(":")
        if hasColon || self.index < self.bytes.count {
            guard let minutes = self.scanNumber(digits: 2) else {
                return nil
            }
            seconds += minutes * 60
            if self.skip(":") {
                guard let extra = self.scanNumber(digits: 2) else {
                    return nil
                }
                seconds += extra
            }
        }
        return sign * seconds
    }

    private mutating func scanNumber(digits: Int) -> Int64? {
        self.scanNumber(minimumDigits: digits, maximumDigits: digits)
    }

    private mutating func scanNumber(minimumDigits: Int, maximumDigits: Int) -> Int64? {
        var value: Int64 = 0
        var count = 0
        while count < maximumDigits, self.index < self.bytes.count, let digit = self.digit(at: self.index) {
            value = value * 10 + digit
            count += 1
            self.index += 1
        }
        return count >= minimumDigits ? value : nil
    }

    private func digit(at position: Int) -> Int64? {
        let byte = self.bytes[position]
        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
            return nil
        }
        return Int64(byte - UInt8(ascii: "0"))
    }

    private mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: character) else {
            return false
        }
        self.index += 1
        return true
    }

    /// true, consuming all the text, when the whole text equals `word`.
    private mutating func matches(_ word: StaticString) -> Bool {
        guard self.index == 0, self.bytes.count == word.utf8CodeUnitCount else {
            return false
        }
        let wordBytes = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard self.bytes.elementsEqual(wordBytes) else {
            return false
        }
        self.index = self.bytes.count
        return true
    }
}
