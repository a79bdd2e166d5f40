import Foundation

/// Format checks for the text fields of profiles and organizations.
enum FieldFormats {
    /// The time zone names `isTimeZone` accepts: Foundation's `TimeZone.knownTimeZoneIdentifiers` plus `UTC`.
    ///
    /// Foundation on Linux lists the canonical IANA names (such as `Europe/Lisbon`) and `GMT`, but not `UTC`,
    /// legacy links such as `US/Eastern`, or abbreviations such as `EST`; the list comes from the ICU data that
    /// ships with the Swift toolchain, so it can change with the toolchain version.
    static let timeZoneNames: Set<String> = Set(TimeZone.knownTimeZoneIdentifiers).union(["UTC"])

    /// True for an IANA time zone name, matched case-sensitively.
    static func isTimeZone(_ text: String) -> Bool {
        self.timeZoneNames.contains(text)
    }

    /// True for a BCP 47 style language tag such as `en`, `pt-BR` or `zh-Hant-TW`.
    ///
    /// The check is structural: a primary subtag of 2–8 ASCII letters, then subtags of 1–8 ASCII letters or
    /// digits, separated by hyphens. It does not look subtags up in the IANA registry.
    static func isLanguageTag(_ text: String) -> Bool {
        let subtags = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = subtags.first, (2...8).contains(primary.count),
            primary.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic })
        else { return false }
        return subtags.dropFirst().allSatisfy { subtag in
            (1...8).contains(subtag.count)
                && subtag.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
        }
    }

    /// True for an absolute `http` or `https` URL with a host and no whitespace or control characters.
    static func isWebURL(_ text: String) -> Bool {
        guard !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F })
        else { return false }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return false }
        return true
    }

    /// True for a lower-case domain name such as `example.com`: at least two dot-separated labels of 1–63
    /// characters from `a-z`, `0-9` and `-`, no label starting or ending with `-`, at most 253 characters,
    /// and a top-level label that is not all digits.
    static func isDomainName(_ text: String) -> Bool {
        guard text.utf8.count <= 253 else { return false }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let topLevel = labels.last, !topLevel.allSatisfy(\.isNumber) else { return false }
        return labels.allSatisfy { label in
            (1...63).contains(label.utf8.count)
                && label.first != "-" && label.last != "-"
                && label.utf8.allSatisfy { byte in
                    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                        || byte == UInt8(ascii: "-")
                }
        }
    }
}
