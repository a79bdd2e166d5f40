extension JSONReader {
    /// Reads a string starting at its opening quote; validates UTF-8 and escapes.
    mutating func readString() throws(JSONParseError) -> String {
        self.position += 1
        let start = self.position

        // Fast path: no escapes, plain bytes up to the closing quote.
        while self.position < self.bytes.count {
            let byte = self.bytes[self.position]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: self.bytes[start..<self.position])
                self.position += 1
                guard let string = String(validating: slice, as: UTF8.self) else {
                    throw self.error("Invalid UTF-8 in JSON string")
                }
                return string
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw self.error("Unescaped control character in JSON string") }
            self.position += 1
        }

        var buffer = Array(self.bytes[start..<self.position])
        while self.position < self.bytes.count {
            let byte = self.bytes[self.position]
            self.position += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let string = String(validating: buffer, as: UTF8.self) else {
                    throw self.error("Invalid UTF-8 in JSON string")
                }
                return string
            case UInt8(ascii: "\\"):
                try self.readEscape(into: &buffer)
            case 0..<0x20:
                throw self.error("Unescaped control character in JSON string")
            default:
                buffer.append(byte)
            }
        }
        throw self.error("Unterminated JSON string")
    }

    private mutating func readEscape(into buffer: inout [UInt8]) throws(JSONParseError) {
        guard self.position < self.bytes.count else { throw self.error("Unterminated JSON string") }
        let byte = self.bytes[self.position]
        self.position += 1

        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(byte)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try self.readHex4()
            if (0xD800..<0xDC00).contains(scalar) {
                guard self.position + 1 < self.bytes.count, self.bytes[self.position] == UInt8(ascii: "\\"),
                    self.bytes[self.position + 1] == UInt8(ascii: "u")
                else { throw self.error("Unpaired surrogate in JSON string") }
                self.position += 2
                let low = try self.readHex4()
                guard (0xDC00..<0xE000).contains(low) else { throw self.error("Unpaired surrogate in JSON string") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw self.error("Unpaired surrogate in JSON string")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw self.error("Invalid escape in JSON string") }
            buffer.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            throw self.error("Invalid escape in JSON string")
        }
    }

    private mutating func readHex4() throws(JSONParseError) -> UInt32 {
        guard self.position + 4 <= self.bytes.count else { throw self.error("Unterminated JSON string") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = self.bytes[self.position]
            self.position += 1
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw self.error("Invalid \\u escape in JSON string")
            }
            value = value << 4 | digit
        }
        return value
    }

    /// Reads a number per the RFC grammar; integers that fit become `.int`, the rest `.double`.
    mutating func readNumber() throws(JSONParseError) -> JSONValue {
        let start = self.position
        var isInteger = true

        if self.bytes[self.position] == UInt8(ascii: "-") { self.position += 1 }
        guard self.position < self.bytes.count, self.isDigit(self.bytes[self.position]) else {
            throw self.error("Invalid number in JSON")
        }
        if self.bytes[self.position] == UInt8(ascii: "0") {
            self.position += 1
            if self.position < self.bytes.count, self.isDigit(self.bytes[self.position]) {
                throw self.error("Leading zeros are not allowed in JSON numbers")
            }
        } else {
            self.skipDigits()
        }
        if self.position < self.bytes.count, self.bytes[self.position] == UInt8(ascii: ".") {
            isInteger = false
            self.position += 1
            guard self.position < self.bytes.count, self.isDigit(self.bytes[self.position]) else {
                throw self.error("Invalid number in JSON")
            }
            self.skipDigits()
        }
        if self.position < self.bytes.count, self.bytes[self.position] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            self.position += 1
            if self.position < self.bytes.count,
                self.bytes[self.position] == UInt8(ascii: "+") || self.bytes[self.position] == UInt8(ascii: "-")
            {
                self.position += 1
            }
            guard self.position < self.bytes.count, self.isDigit(self.bytes[self.position]) else {
                throw self.error("Invalid number in JSON")
            }
            self.skipDigits()
        }

        let text = String(decoding: UnsafeBufferPointer(rebasing: self.bytes[start..<self.position]), as: UTF8.self)
        if isInteger, let integer = Int64(text) { return .int(integer) }
        guard let double = Double(text), double.isFinite else { throw self.error("Number out of range in JSON") }
        return .double(double)
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func skipDigits() {
        while self.position < self.bytes.count, self.isDigit(self.bytes[self.position]) {
            self.position += 1
        }
    }
}
