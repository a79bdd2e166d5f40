import Foundation
import HTTPServer

extension Request {
    /// Decodes the body as a JSON object, applying the API's rules for bodies.
    ///
    /// - Parameter maxBytes: larger bodies are `413 PAYLOAD_TOO_LARGE`.
    /// - Throws: `415` for a non-JSON content type, `413` above the limit, `400 VALIDATION_ERROR` for invalid
    ///   UTF-8, malformed JSON, nesting deeper than 64, or a document that is not an object.
    public func jsonObject(maxBytes: Int) throws(HTTPError) -> JSONObject {
        if let contentType = self.headers["content-type"] {
            let mediaType = contentType.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
            guard mediaType == "application/json" else {
                throw HTTPError(
                    .unsupportedMediaType,
                    code: "UNSUPPORTED_MEDIA_TYPE",
                    message: "Send the body as application/json"
                )
            }
        }
        guard self.body.count <= maxBytes else {
            throw HTTPError(
                .payloadTooLarge,
                code: "PAYLOAD_TOO_LARGE",
                message: "The request body is larger than \(maxBytes) bytes"
            )
        }
        guard !self.body.isEmpty else {
            throw HTTPError.validation(["body": ["A JSON object is required"]], message: "Invalid input data")
        }
        guard String(validating: self.body, as: UTF8.self) != nil else {
            throw HTTPError.validation(["body": ["The body is not valid UTF-8"]])
        }

        let value: JSONValue
        do {
            value = try JSONParser(maxDepth: 64).parse(self.body)
        } catch {
            throw HTTPError.validation(["body": ["Malformed JSON: \(error.description)"]], message: "Malformed JSON")
        }
        guard case .object(let object) = value else {
            throw HTTPError.validation(["body": ["Expected a JSON object, got \(value.typeName)"]])
        }
        return object
    }

    /// Decodes the body as ``jsonObject(maxBytes:)`` does, or returns an empty object when no body was sent.
    public func optionalJSONObject(maxBytes: Int) throws(HTTPError) -> JSONObject {
        if self.body.isEmpty { return JSONObject() }
        return try self.jsonObject(maxBytes: maxBytes)
    }

    /// Returns the path parameter `name`, which the router sets for every `{name}` of a matched template.
    public func parameter(_ name: String) -> String {
        self.pathParameters[name] ?? ""
    }
}
