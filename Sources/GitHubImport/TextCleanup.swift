import Foundation

/// Length limits of the fields that imported text goes into, in characters (extended grapheme clusters).
public struct TextLimits: Sendable {
    public var maxTitleLength: Int
    public var maxBodyLength: Int
    public var maxLabels: Int
    public var maxLabelLength: Int
    public var maxMilestoneNameLength: Int
    public var maxMilestoneDescriptionLength: Int

    public init(
        maxTitleLength: Int,
        maxBodyLength: Int,
        maxLabels: Int,
        maxLabelLength: Int,
        maxMilestoneNameLength: Int,
        maxMilestoneDescriptionLength: Int
    ) {
        self.maxTitleLength = maxTitleLength
        self.maxBodyLength = maxBodyLength
        self.maxLabels = maxLabels
        self.maxLabelLength = maxLabelLength
        self.maxMilestoneNameLength = maxMilestoneNameLength
        self.maxMilestoneDescriptionLength = maxMilestoneDescriptionLength
    }
}

/// A cleaned value and one note per change that a reader of the import report should know about.
public struct Cleaned<Value: Sendable>: Sendable {
    public var value: Value
    public var notes: [String] = []
}

/// Fits imported text into Cairn's fields without rejecting the record: NUL characters, which PostgreSQL
/// cannot store, are removed, and text over a limit is shortened. Every change gets a note.
public enum TextCleanup {
    /// The character that ends a shortened one-line text.
    static let ellipsis: Character = "…"

    /// Returns a one-line text for a title, name or label: control characters such as line breaks become
    /// spaces, the ends are trimmed, and text longer than `maxLength` is cut and ends with "…".
    /// Empty text becomes `fallback`.
    public static func line(_ text: String, maxLength: Int, field: String, fallback: String) -> Cleaned<String> {
        var scalars = String.UnicodeScalarView()
        var replacedCount = 0
        for scalar in text.unicodeScalars where scalar != "\0" {
            if scalar.properties.generalCategory == .control {
                scalars.append(" ")
                replacedCount += 1
            } else {
                scalars.append(scalar)
            }
        }
        var line = String(scalars).trimmingCharacters(in: .whitespaces)
        var notes: [String] = []
        if replacedCount == 1, !line.isEmpty {
            notes.append("\(field): a line break or other control character became a space")
        } else if replacedCount > 1, !line.isEmpty {
            notes.append("\(field): \(replacedCount) line breaks or other control characters became spaces")
        }
        if line.isEmpty {
            notes.append("\(field) is empty, so it became \"\(fallback)\"")
            line = fallback
        }
        let count = line.count
        if count > maxLength {
            line = String(line.prefix(maxLength - 1)).trimmingCharacters(in: .whitespaces) + String(Self.ellipsis)
            notes.append("\(field) shortened from \(count) to \(line.count) characters")
        }
        return Cleaned(value: line, notes: notes)
    }

    /// Returns multi-line text with NUL characters removed and, when longer than `maxLength`, cut with a last
    /// line that gives the length of the original.
    public static func text(_ text: String, maxLength: Int, field: String) -> Cleaned<String> {
        var notes: [String] = []
        var result = text
        let nulCount = text.unicodeScalars.reduce(0) { $0 + ($1 == "\0" ? 1 : 0) }
        if nulCount > 0 {
            result = String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "\0" }))
            notes.append("\(field): removed \(nulCount) NUL character\(nulCount == 1 ? "" : "s")")
        }
        let count = result.count
        if count > maxLength {
            let marker = "\n\n[Shortened on import: the original has \(count) characters.]"
            result = String(result.prefix(max(0, maxLength - marker.count))) + marker
            notes.append("\(field) shortened from \(count) to \(result.count) characters")
        }
        return Cleaned(value: result, notes: notes)
    }

    /// Returns distinct one-line labels, each at most `maxLength` characters, at most `maxCount` of them in
    /// their first order. Labels that are empty after cleanup are dropped.
    public static func labels(_ names: [String], maxCount: Int, maxLength: Int) -> Cleaned<[String]> {
        var labels: [String] = []
        var notes: [String] = []
        for name in names {
            let cleaned = Self.line(name, maxLength: maxLength, field: "label \"\(name)\"", fallback: "")
            if cleaned.value.isEmpty {
                notes.append("dropped an empty label")
                continue
            }
            notes += cleaned.notes
            if !labels.contains(cleaned.value) {
                labels.append(cleaned.value)
            }
        }
        if labels.count > maxCount {
            notes.append("kept the first \(maxCount) of \(labels.count) labels")
            labels = Array(labels.prefix(maxCount))
        }
        return Cleaned(value: labels, notes: notes)
    }
}
