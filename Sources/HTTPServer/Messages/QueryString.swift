/// Parsing of `application/x-www-form-urlencoded` query strings.
public enum QueryString {
    /// Splits `raw` on `&` and `=`, decoding `+` and percent escapes; pairs that do not decode to UTF-8 are dropped.
    public static func parse(_ raw: String) -> [String: String] {
        var result: [String: String] = [:]
        guard !raw.isEmpty else { return result }

        for pair in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = self.decode(parts[0]) else { continue }
            let value = parts.count > 1 ? self.decode(parts[1]) : ""
            if let value {
                result[name] = value
            }
        }
        return result
    }

    /// Decodes percent escapes and `+`; returns nil for a bad escape or invalid UTF-8.
    public static func decode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()

        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(self.hexValue),
                    let low = iterator.next().flatMap(self.hexValue)
                else { return nil }
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
