import Foundation

/// Format checks for the text fields of profiles and organizations.
enum FieldFormats {
    /// Foundation's `TimeZone.knownTimeZoneIdentifiers` plus `UTC`, which that list leaves out on Linux.
    private static let knownTimeZones: Set<String> = Set(TimeZone.knownTimeZoneIdentifiers).union(["UTC"])

    /// True for an IANA time zone name, matched case-sensitively.
    ///
    /// Accepted are the names in Foundation's `TimeZone.knownTimeZoneIdentifiers`, `UTC`, and any
    /// `Area/Location` name that `TimeZone(identifier:)` resolves to itself. The last rule matters because the
    /// known list (from the ICU data of the Swift toolchain, 6.3 when this was written) keeps some older names,
    /// such as `Asia/Calcutta`, and leaves out their current ones, such as `Asia/Kolkata`. Abbreviations and
    /// offsets such as `EST` or `GMT+05:00` have no `/` and are rejected.
    static func isTimeZone(_ text: String) -> Bool {
        if self.knownTimeZones.contains(text) { return true }
        guard text.contains("/"), let zone = TimeZone(identifier: text) else { return false }
        return zone.identifier == text
    }

    /// True for a BCP 47 style language tag such as `en`, `pt-BR` or `zh-Hant-TW`.
    ///
    /// The check is structural: a primary language subtag of 2 or 3 ASCII letters (the ISO 639 codes), then
    /// subtags of 1–8 ASCII letters or digits, separated by hyphens. It does not look subtags up in the IANA
    /// registry, and it rejects the rare registered primary subtags of 5–8 letters.
    static func isLanguageTag(_ text: String) -> Bool {
        let subtags = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = subtags.first, (2...3).contains(primary.count),
            primary.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic })
        else { return false }
        return subtags.dropFirst().allSatisfy { subtag in
            (1...8).contains(subtag.count)
                && subtag.unicodeScalars.allSatisfy {
                    $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))
                }
        }
    }

    /// True for an absolute `http` or `https` URL with a host and no whitespace or control characters.
    static func isWebURL(_ text: String) -> Bool {
        guard
            !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F })
        else { return false }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return false }
        return true
    }

    /// True for a lower-case domain name such as `example.com`, of at most 253 characters.
    ///
    /// It needs at least two dot-separated labels of 1–63 characters from `a-z`, `0-9` and `-`. No label may
    /// start or end with `-`, and the top-level label may not be all digits, which rules out IPv4 addresses.
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
