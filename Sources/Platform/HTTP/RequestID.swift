/// Request ids: the client's own when sane, a fresh random one otherwise.
enum RequestID {
    /// `candidate` when it is 1–128 characters of letters, digits, `.`, `_` and `-`; a new id otherwise.
    static func accept(_ candidate: String?) -> String {
        if let candidate, Self.isSane(candidate) { return candidate }
        return Self.make()
    }

    static func isSane(_ text: String) -> Bool {
        let bytes = text.utf8
        guard (1...128).contains(bytes.count) else { return false }
        return bytes.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2E || byte == 0x5F || byte == 0x2D
        }
    }

    /// 32 lower-case hex digits from the system's random generator.
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        let digits = String(high, radix: 16) + String(low, radix: 16)
        return String(repeating: "0", count: max(0, 32 - digits.count)) + digits
    }
}
