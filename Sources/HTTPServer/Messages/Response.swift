/// A complete response: h2o sends it in one write, with a `Content-Length`.
public struct Response: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: HTTPStatus, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Creates a response whose body is `json`, with `Content-Type: application/json`.
    public init(status: HTTPStatus, json: JSONValue, headers: HTTPHeaders = HTTPHeaders()) {
        self.status = status
        self.headers = headers
        self.headers.add("content-type", "application/json")
        self.body = json.serialized()
    }

    /// Creates a response with a plain text body, as `/metrics` needs.
    public init(status: HTTPStatus, text: String, contentType: String) {
        self.status = status
        self.headers = HTTPHeaders([("content-type", contentType)])
        self.body = Array(text.utf8)
    }
}
