import Foundation
import HTTPServer

/// Reads typed fields from a request object and gathers every problem before failing once.
///
/// Types are strict: `"5"` is not a number and `5` is not a string. Fields the reader is not asked for are
/// ignored, which is how unknown and read-only fields are dropped.
public struct FieldReader {
    public let object: JSONObject
    public private(set) var errors: [String: [String]] = [:]

    public init(_ object: JSONObject) {
        self.object = object
    }

    /// True when the body has the key, even with `null`.
    public func contains(_ field: String) -> Bool {
        self.object[field] != nil
    }

    public mutating func fail(_ field: String, _ message: String) {
        self.errors[field, default: []].append(message)
    }

    /// Throws `400 VALIDATION_ERROR` with every recorded problem, if any.
    public func finish() throws(HTTPError) {
        if !self.errors.isEmpty {
            throw HTTPError.validation(self.errors)
        }
    }

    /// A string field; `required` fields must be present and non-null.
    ///
    /// - Parameter maxLength: in characters (extended grapheme clusters).
    public mutating func string(
        _ field: String,
        required: Bool = false,
        minLength: Int = 0,
        maxLength: Int = 10_000,
        trim: Bool = false
    ) -> String? {
        guard let value = self.object[field], value != .null else {
            if required { self.fail(field, "This field is required") }
            return nil
        }
        guard case .string(var text) = value else {
            self.fail(field, "Must be a string, not \(value.typeName)")
            return nil
        }
        // PostgreSQL cannot store NUL in text, and no field of the API needs it.
        guard !text.utf8.contains(0) else {
            self.fail(field, "Must not contain NUL characters")
            return nil
        }
        if trim {
            text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if required, text.isEmpty {
            self.fail(field, "This field may not be blank")
            return nil
        }
        let count = text.count
        if count < minLength {
            self.fail(field, "Must be at least \(minLength) characters")
            return nil
        }
        if count > maxLength {
            self.fail(field, "Must be at most \(maxLength) characters")
            return nil
        }
        return text
    }

    /// Reads a string field that may be set to `null` on purpose: `.absent`, `.null` or `.value`.
    public mutating func nullableString(_ field: String, maxLength: Int = 10_000) -> Patch<String> {
        guard let value = self.object[field] else { return .absent }
        if value == .null { return .null }
        guard let text = self.string(field, maxLength: maxLength) else { return .absent }
        return .value(text)
    }

    public mutating func bool(_ field: String, required: Bool = false) -> Bool? {
        guard let value = self.object[field], value != .null else {
            if required { self.fail(field, "This field is required") }
            return nil
        }
        guard case .bool(let flag) = value else {
            self.fail(field, "Must be a boolean, not \(value.typeName)")
            return nil
        }
        return flag
    }

    public mutating func integer(_ field: String, required: Bool = false, range: ClosedRange<Int64>? = nil) -> Int64? {
        guard let value = self.object[field], value != .null else {
            if required { self.fail(field, "This field is required") }
            return nil
        }
        guard case .int(let number) = value else {
            self.fail(field, "Must be an integer, not \(value.typeName)")
            return nil
        }
        if let range, !range.contains(number) {
            self.fail(field, "Must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return number
    }

    /// Reads a UUID field; the API's ids are lower-case and hyphenated.
    public mutating func uuid(_ field: String, required: Bool = false) -> UUID? {
        guard let text = self.string(field, required: required, maxLength: 36) else { return nil }
        guard let id = UUID(uuidString: text) else {
            self.fail(field, "Must be a valid UUID")
            return nil
        }
        return id
    }

    /// Reads an RFC 3339 timestamp field.
    public mutating func timestamp(_ field: String, required: Bool = false) -> Date? {
        guard let text = self.string(field, required: required, maxLength: 64) else { return nil }
        guard let date = Timestamp.parse(text) else {
            self.fail(field, "Must be an RFC 3339 timestamp such as 2026-12-04T19:22:36.123Z")
            return nil
        }
        return date
    }

    /// Reads a JSON object field and returns it as is.
    public mutating func object(_ field: String) -> JSONObject? {
        guard let value = self.object[field], value != .null else { return nil }
        guard case .object(let nested) = value else {
            self.fail(field, "Must be an object, not \(value.typeName)")
            return nil
        }
        return nested
    }
}

/// A field of a partial update: left out, cleared with `null`, or set.
public enum Patch<Value: Sendable>: Sendable {
    case absent
    case null
    case value(Value)
}
