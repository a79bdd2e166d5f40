import Foundation

/// Token ids are UUID version 7, whose first 48 bits are the issue time in milliseconds; that precision lets a
/// revocation reject tokens issued earlier in the same second.
public enum TokenID {
    /// A fresh version 7 UUID string, lower-case.
    public static func make(now: Date = Date()) -> String {
        UUIDv7.make(now: now).uuidString.lowercased()
    }

    /// The issue time embedded in a version 7 id, or nil for any other string.
    public static func milliseconds(of id: String) -> Int64? {
        guard let uuid = UUID(uuidString: id) else { return nil }
        let bytes = uuid.uuid
        guard bytes.6 >> 4 == 7 else { return nil }
        var value: Int64 = 0
        for byte in [bytes.0, bytes.1, bytes.2, bytes.3, bytes.4, bytes.5] {
            value = value << 8 | Int64(byte)
        }
        return value
    }
}

/// Time-ordered UUIDs (RFC 9562 version 7): 48 bits of Unix milliseconds, then random bits.
public enum UUIDv7 {
    public static func make(now: Date = Date()) -> UUID {
        let milliseconds = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        var random = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 {
            bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index)))
        }
        for index in 6..<16 {
            bytes[index] = UInt8.random(in: 0...255, using: &random)
        }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            )
        )
    }
}
