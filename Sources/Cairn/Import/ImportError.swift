import HTTPServer

/// An import that cannot go on, with a message for the operator that says what to fix.
struct ImportError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }

    /// Wraps an error of a service call in `step`, with the per-field details that `HTTPError.description`
    /// leaves out.
    init(_ step: String, _ error: HTTPError) {
        self.description = "\(step) failed: " + Self.reason(error)
    }

    /// Returns the message of `error` followed by its per-field details.
    static func reason(_ error: HTTPError) -> String {
        let details = (error.details ?? [:]).sorted { $0.key < $1.key }.map { field, messages in
            "\(field): \(messages.joined(separator: "; "))"
        }
        return ([error.message] + details).joined(separator: ", ")
    }
}
