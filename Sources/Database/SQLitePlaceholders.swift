/// Rewrites PostgreSQL-style `$1, $2, …` placeholders to SQLite's numbered `?1, ?2, …`.
///
/// SQLite reads `$1` as a named parameter and numbers named parameters by first appearance,
/// so `WHERE b = $2 AND a = $1` would bind the wrong values. `?NNN` keeps the number.
/// Placeholders inside 'string literals', "quoted identifiers", `backtick` and [bracket]
/// identifiers, `-- line comments` and `/* block comments */` stay as written.
enum SQLitePlaceholders {
    static func rewrite(_ sql: String) -> String {
        guard sql.utf8.contains(UInt8(ascii: "$")) else {
            return sql
        }

        let source = Array(sql.utf8)
        var output = [UInt8]()
        output.reserveCapacity(source.count)
        var index = 0

        while index < source.count {
            let byte = source[index]
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"):
                // A doubled quote inside a literal reads as a close and a reopen, which copies it unchanged.
                index = copyQuoted(source, from: index, closing: byte, into: &output)
            case UInt8(ascii: "["):
                index = copyQuoted(source, from: index, closing: UInt8(ascii: "]"), into: &output)
            case UInt8(ascii: "-") where index + 1 < source.count && source[index + 1] == UInt8(ascii: "-"):
                index = copyUntil(source, from: index, terminator: [UInt8(ascii: "\n")], into: &output)
            case UInt8(ascii: "/") where index + 1 < source.count && source[index + 1] == UInt8(ascii: "*"):
                index = copyUntil(
                    source,
                    from: index,
                    terminator: [UInt8(ascii: "*"), UInt8(ascii: "/")],
                    into: &output
                )
            case UInt8(ascii: "$") where index + 1 < source.count && isDigit(source[index + 1]):
                output.append(UInt8(ascii: "?"))
                index += 1
            default:
                output.append(byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Copies the quoted run that starts at `start` up to and including its closing byte.
    private static func copyQuoted(
        _ source: [UInt8],
        from start: Int,
        closing: UInt8,
        into output: inout [UInt8]
    ) -> Int {
        output.append(source[start])
        var index = start + 1
        while index < source.count {
            output.append(source[index])
            index += 1
            if source[index - 1] == closing {
                break
            }
        }
        return index
    }

    /// Copies the two-byte comment opener at `start`, then everything up to and including
    /// `terminator`, or to the end of the text.
    private static func copyUntil(
        _ source: [UInt8],
        from start: Int,
        terminator: [UInt8],
        into output: inout [UInt8]
    ) -> Int {
        var index = start + 2
        output.append(contentsOf: source[start..<index])
        while index < source.count {
            if source[index...].starts(with: terminator) {
                output.append(contentsOf: terminator)
                return index + terminator.count
            }
            output.append(source[index])
            index += 1
        }
        return index
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
