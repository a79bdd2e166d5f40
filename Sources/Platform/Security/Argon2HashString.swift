/// Cost parameters read from an Argon2id hash string in the PHC format that libsodium writes,
/// `$argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>`.
///
/// libsodium verifies the whole string itself. This parse exists so that a hash demanding an
/// absurd amount of memory or time can be rejected before libsodium starts on it.
struct Argon2HashString {
    static let prefix = "$argon2id$"

    /// Memory cost in KiB (`m`).
    let memoryKiB: UInt64
    /// Number of passes (`t`).
    let passes: UInt64

    /// Parses the cost fields, or returns nil if `encoded` does not have the layout above.
    init?(_ encoded: String) {
        let fields = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0].isEmpty, fields[1] == "argon2id", fields[2] == "v=19" else {
            return nil
        }

        let costs = fields[3].split(separator: ",", omittingEmptySubsequences: false)
        guard
            costs.count == 3,
            let memoryKiB = Self.parse(costs[0], name: "m="),
            let passes = Self.parse(costs[1], name: "t="),
            Self.parse(costs[2], name: "p=") != nil
        else {
            return nil
        }
        self.memoryKiB = memoryKiB
        self.passes = passes
    }

    /// Returns the decimal value after `name`, or nil. At most 10 digits are accepted, which
    /// covers every 32-bit value that Argon2 allows.
    private static func parse(_ field: Substring, name: String) -> UInt64? {
        guard field.hasPrefix(name) else {
            return nil
        }
        let digits = field.dropFirst(name.count)
        guard
            (1...10).contains(digits.utf8.count),
            digits.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else {
            return nil
        }
        return UInt64(digits)
    }
}
