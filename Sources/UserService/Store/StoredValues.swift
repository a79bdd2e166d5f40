import Foundation
import HTTPServer

/// A stored value that this service wrote but can no longer read, such as a role outside the allowed set.
///
/// It signals a bug or a manual edit of the database, so requests that meet it fail with `500 INTERNAL_ERROR`
/// and the pipeline logs the description.
struct StoredDataError: Error, CustomStringConvertible {
    let description: String
}

/// Conversions for the JSON objects that tables store as text.
enum StoredJSON {
    /// Serializes the object as compact JSON text.
    static func text(_ object: JSONObject) -> String {
        String(decoding: JSONValue.object(object).serialized(), as: UTF8.self)
    }

    /// Returns the size of the object's serialized form in bytes.
    static func byteCount(_ object: JSONObject) -> Int {
        JSONValue.object(object).serialized().count
    }

    /// Parses the text of `column` back into an object.
    static func object(_ text: String, column: String) throws -> JSONObject {
        guard case .object(let object)? = try? JSONParser().parse(Array(text.utf8)) else {
            throw StoredDataError(description: "The stored \(column) is not a JSON object")
        }
        return object
    }
}

/// Timestamps as the tables store them.
enum StoredDate {
    /// Returns the current time cut to whole milliseconds, the precision that both dialects store.
    /// A response built in memory then shows the same value as a later read.
    static func now() -> Date {
        Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }
}
