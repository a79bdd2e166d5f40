import Foundation
import HTTPServer
import Platform

/// The keyset position a task page starts after: the last task's sort key and id, tied to the ordering.
///
/// Clients see base64url text and must treat it as opaque. Inside, three lines: the ordering name, the key
/// (`=` then the key, or `~` for a task without a due date), and the task id.
struct TaskCursor: Sendable, Equatable {
    var ordering: TaskOrdering
    /// nil when the last task had no due date, in a due-date ordering.
    var key: String?
    var id: String

    init(ordering: TaskOrdering, key: String?, id: String) {
        self.ordering = ordering
        self.key = key
        self.id = id
    }

    /// Makes the cursor that continues after `task`.
    init(after task: TaskRecord, ordering: TaskOrdering) {
        self.init(ordering: ordering, key: ordering.key(of: task), id: task.id)
    }

    var encoded: String {
        let keyLine = self.key.map { "=" + $0 } ?? "~"
        let raw = Data("\(self.ordering.name)\n\(keyLine)\n\(self.id)".utf8).base64EncodedString()
        return raw.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes `text` for a list in `ordering`.
    ///
    /// - Throws: `400 VALIDATION_ERROR` on `cursor` when the text was not made by this server or belongs to a
    ///   list in another ordering.
    init(decoding text: String, for ordering: TaskOrdering) throws(HTTPError) {
        let invalid = HTTPError.invalidField("cursor", "Invalid cursor; pass meta.next_cursor from the previous page")
        guard text.utf8.count <= 512 else { throw invalid }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.utf8.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let decoded = String(data: data, encoding: .utf8) else {
            throw invalid
        }
        let lines = decoded.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count == 3, let id = UUID(uuidString: lines[2]) else { throw invalid }
        guard lines[0] == ordering.name else {
            throw HTTPError.invalidField(
                "cursor",
                "This cursor belongs to a list ordered by \(lines[0]); repeat the request with that ordering or start without a cursor"
            )
        }

        let key: String?
        if lines[1] == "~" {
            guard ordering.field == .dueDate else { throw invalid }
            key = nil
        } else if lines[1].hasPrefix("=") {
            let text = String(lines[1].dropFirst())
            guard Self.isValidKey(text, kind: ordering.field.keyKind) else { throw invalid }
            key = text
        } else {
            throw invalid
        }
        self.init(ordering: ordering, key: key, id: id.uuidString.lowercased())
    }

    /// True when `text` has the form this server writes for `kind`, so binding it cannot fail in SQL.
    static func isValidKey(_ text: String, kind: TaskOrdering.KeyKind) -> Bool {
        switch kind {
        case .integer:
            return Int64(text) != nil
        case .date:
            return CalendarDate(text) != nil
        case .timestamp:
            // `YYYY-MM-DDTHH:MM:SS.sssZ`, as `TaskClock` writes it.
            let bytes = Array(text.utf8)
            guard bytes.count == 24 else { return false }
            let pattern = Array("0000-00-00T00:00:00.000Z".utf8)
            for (byte, expected) in zip(bytes, pattern) {
                if expected == UInt8(ascii: "0") {
                    guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return false }
                } else if byte != expected {
                    return false
                }
            }
            let hour = Int(String(decoding: bytes[11..<13], as: UTF8.self)) ?? 99
            let minute = Int(String(decoding: bytes[14..<16], as: UTF8.self)) ?? 99
            let second = Int(String(decoding: bytes[17..<19], as: UTF8.self)) ?? 99
            return CalendarDate(String(text.prefix(10))) != nil && hour < 24 && minute < 60 && second < 60
        }
    }
}
