import Foundation
import HTTPServer

/// `limit` and `cursor` of a list request, validated.
public struct PageRequest: Sendable {
    /// 1–200, default 50.
    public var limit: Int
    /// The decoded keyset position after which the page starts: the sort value and the row id.
    public var after: (key: String, id: String)?

    /// Reads `limit` and `cursor` from `query`.
    ///
    /// - Throws: `400 VALIDATION_ERROR` for a limit outside 1–200 or a cursor this server did not make.
    public init(query: [String: String]) throws(HTTPError) {
        self.limit = 50
        if let text = query["limit"] {
            guard let limit = Int(text), (1...200).contains(limit) else {
                throw HTTPError.invalidField("limit", "Must be a whole number from 1 to 200")
            }
            self.limit = limit
        }
        if let cursor = query["cursor"], !cursor.isEmpty {
            guard let decoded = Cursor.decode(cursor) else {
                throw HTTPError.invalidField("cursor", "Invalid cursor; pass meta.next_cursor from the previous page")
            }
            self.after = decoded
        }
    }
}

/// Opaque keyset cursors: base64url of `key` and `id` joined by a newline.
public enum Cursor {
    public static func encode(key: String, id: String) -> String {
        let raw = Data((key + "\n" + id).utf8).base64EncodedString()
        return raw.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public static func decode(_ cursor: String) -> (key: String, id: String)? {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard cursor.count <= 512, let data = Data(base64Encoded: base64),
            let text = String(data: data, encoding: .utf8)
        else { return nil }
        let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, UUID(uuidString: String(parts[1])) != nil else { return nil }
        return (String(parts[0]), String(parts[1]))
    }
}
