/// An error that knows its HTTP status and the envelope clients see.
///
/// `message` and `details` are public: never put SQL, file paths, tokens or host names in them.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    public var status: HTTPStatus
    /// A stable code from the API's error table, such as `VALIDATION_ERROR`.
    public var code: String
    public var message: String
    /// Field name to messages; present for validation errors.
    public var details: [String: [String]]?
    /// Extra response headers such as `Retry-After` or `Allow`.
    public var headers: HTTPHeaders

    public init(
        _ status: HTTPStatus,
        code: String,
        message: String,
        details: [String: [String]]? = nil,
        headers: HTTPHeaders = HTTPHeaders()
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers
    }

    public var description: String { "\(self.status.rawValue) \(self.code): \(self.message)" }

    /// The error as an envelope response.
    public var response: Response {
        var error: JSONObject = ["code": .string(self.code), "message": .string(self.message)]
        if let details = self.details {
            var object = JSONObject()
            for key in details.keys.sorted() {
                object[key] = .array(details[key]!.map { .string($0) })
            }
            error["details"] = .object(object)
        }
        return Response(status: self.status, json: ["success": false, "error": .object(error)], headers: self.headers)
    }
}

extension HTTPError {
    /// `400 VALIDATION_ERROR` with per-field messages.
    public static func validation(_ details: [String: [String]], message: String = "Invalid input data") -> HTTPError {
        HTTPError(.badRequest, code: "VALIDATION_ERROR", message: message, details: details)
    }

    /// `400 VALIDATION_ERROR` for one field.
    public static func invalidField(_ field: String, _ message: String) -> HTTPError {
        .validation([field: [message]])
    }

    public static func notFound(_ code: String = "NOT_FOUND", _ message: String = "Not found") -> HTTPError {
        HTTPError(.notFound, code: code, message: message)
    }

    public static func forbidden(_ message: String = "You do not have permission to perform this action") -> HTTPError {
        HTTPError(.forbidden, code: "AUTHORIZATION_FAILED", message: message)
    }

    public static func conflict(_ message: String, code: String = "CONFLICT") -> HTTPError {
        HTTPError(.conflict, code: code, message: message)
    }

    public static func methodNotAllowed(allowed: [String]) -> HTTPError {
        HTTPError(
            .methodNotAllowed,
            code: "METHOD_NOT_ALLOWED",
            message: "Method not allowed",
            headers: HTTPHeaders([("allow", allowed.joined(separator: ", "))])
        )
    }

    public static let internalError = HTTPError(
        .internalServerError,
        code: "INTERNAL_ERROR",
        message: "An internal error occurred"
    )

    /// `503 SERVICE_UNAVAILABLE` with `Retry-After` in seconds.
    public static func serviceUnavailable(retryAfter seconds: Int) -> HTTPError {
        HTTPError(
            .serviceUnavailable,
            code: "SERVICE_UNAVAILABLE",
            message: "A service this request depends on is unavailable",
            headers: HTTPHeaders([("retry-after", String(seconds))])
        )
    }
}
