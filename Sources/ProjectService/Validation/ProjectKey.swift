import Foundation

/// Project keys: 2–10 upper-case ASCII letters, unique across projects, such as `WEB` or `CRM`.
enum ProjectKey {
    static let lengths = 2...10
    /// Maximum length of a key made from a name, which leaves room for the letters that make it unique.
    private static let generatedBaseLength = 6

    /// Returns why `key` is not a valid key, or nil when it is.
    static func problem(_ key: String) -> String? {
        let isValid =
            self.lengths.contains(key.utf8.count)
            && key.utf8.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
        return isValid ? nil : "Must be 2 to 10 upper-case letters A-Z, such as WEB"
    }

    /// Returns a key derived from `name`: the initials of its words when there are at least two ("Customer Portal
    /// Redesign" gives `CPR`), else the first four letters ("Website" gives `WEBS`), else `PROJ`. Accents
    /// are dropped and letters outside A-Z are skipped.
    static func base(from name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        let words = folded.uppercased().split { !$0.isLetter && !$0.isNumber }.map { word in
            String(word.unicodeScalars.filter { (65...90).contains($0.value) }.map(Character.init))
        }.filter { !$0.isEmpty }

        let initials = String(words.compactMap(\.first).prefix(self.generatedBaseLength))
        if words.count >= 2, initials.count >= self.lengths.lowerBound {
            return initials
        }
        let letters = String(words.joined().prefix(4))
        return letters.count >= self.lengths.lowerBound ? letters : "PROJ"
    }

    /// Returns the first free key among `base`, then `base` with one letter added (`CPRA` … `CPRZ`), then with two,
    /// or nil when every one of them is in `taken`.
    static func firstFree(base: String, taken: Set<String>) -> String? {
        if !taken.contains(base) { return base }
        let alphabet = (65...90).map { String(UnicodeScalar(UInt8($0))) }
        for first in alphabet where !taken.contains(base + first) {
            return base + first
        }
        for first in alphabet {
            for second in alphabet where !taken.contains(base + first + second) {
                return base + first + second
            }
        }
        return nil
    }
}
