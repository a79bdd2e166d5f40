import HTTPServer

/// A file that cannot be read as an export at all, as opposed to single records that are rejected.
public struct ExportFileError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// One top-level value of an export file, with where it was found for messages ("record 5", "line 12").
public struct ExportRecord: Sendable {
    public var position: String
    public var value: JSONValue
}

/// Splits an export file into records. Two layouts are accepted: one JSON array (or a single JSON object),
/// and JSON Lines, which has one JSON value per line.
public enum ExportRecords {
    /// Nesting allowed in a record; issue objects nest about five levels deep.
    static let maxDepth = 64

    /// Returns the records of `bytes` and one problem per JSON Lines line that is not valid JSON.
    ///
    /// - Throws: ``ExportFileError`` when the file is empty or when a JSON array document is invalid.
    public static func read(_ bytes: [UInt8]) throws(ExportFileError) -> (records: [ExportRecord], problems: [String]) {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            start = 3
        }
        while start < bytes.count, Self.isWhitespace(bytes[start]) {
            start += 1
        }
        guard start < bytes.count else { throw ExportFileError("the file is empty") }
        let content = Array(bytes[start...])
        let parser = JSONParser(maxDepth: Self.maxDepth)

        if content[0] == UInt8(ascii: "[") {
            let document: JSONValue
            do {
                document = try parser.parse(content)
            } catch {
                throw ExportFileError("the file is not valid JSON: \(error.description)")
            }
            guard case .array(let values) = document else { throw ExportFileError("the file is not a JSON array") }
            let records = values.enumerated().map {
                ExportRecord(position: "record \($0.offset + 1)", value: $0.element)
            }
            return (records, [])
        }
        if let whole = try? parser.parse(content) {
            return ([ExportRecord(position: "record 1", value: whole)], [])
        }
        return Self.readLines(content, parser: parser)
    }

    /// Parses each non-blank line on its own, so one broken line costs one record.
    private static func readLines(
        _ content: [UInt8],
        parser: JSONParser
    ) -> (records: [ExportRecord], problems: [String]) {
        var records: [ExportRecord] = []
        var problems: [String] = []
        for (index, line) in content.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
        {
            guard line.contains(where: { !Self.isWhitespace($0) }) else { continue }
            let position = "line \(index + 1)"
            do {
                records.append(ExportRecord(position: position, value: try parser.parse(Array(line))))
            } catch {
                problems.append("\(position): not valid JSON (\(error.description))")
            }
        }
        return (records, problems)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
