/// One HTTP request, copied out of h2o's memory so that handlers may keep it across suspension points.
public struct Request: Sendable {
    public var method: String
    /// The path without the query, still percent-encoded.
    public var path: String
    /// The raw query string after `?`, or empty.
    public var rawQuery: String
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The peer's numeric address as h2o saw it on the socket.
    public var peerAddress: String

    /// The client address after applying the trusted-proxy rule; set by middleware, the peer address until then.
    public var clientAddress: String
    /// The id echoed in `X-Request-ID` and written to the access log.
    public var requestID: String = ""
    /// The route template that matched, such as `/api/v1/users/{id}`, or nil when none did.
    public var route: String?
    /// Values of the `{name}` segments of the matched route.
    public var pathParameters: [String: String] = [:]
    /// The caller proven by a bearer token, set by authentication middleware.
    public var user: AuthenticatedUser?
    /// Why a bearer token that was sent is not acceptable; endpoints that need a user throw it.
    public var authenticationError: HTTPError?

    public init(
        method: String,
        path: String,
        rawQuery: String = "",
        headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = [],
        peerAddress: String = ""
    ) {
        self.method = method
        self.path = path
        self.rawQuery = rawQuery
        self.headers = headers
        self.body = body
        self.peerAddress = peerAddress
        self.clientAddress = peerAddress
    }

    /// The query parameters, percent-decoded; a repeated name keeps its last value.
    public var query: [String: String] {
        QueryString.parse(self.rawQuery)
    }
}

/// The identity carried by a verified access token.
public struct AuthenticatedUser: Sendable {
    public var id: String
    public var email: String
    public var username: String
    public var roles: [String]
    /// Seconds since 1970 at which the token was issued.
    public var issuedAt: Int64

    public init(id: String, email: String, username: String, roles: [String], issuedAt: Int64) {
        self.id = id
        self.email = email
        self.username = username
        self.roles = roles
        self.issuedAt = issuedAt
    }

    public var isAdmin: Bool { self.roles.contains("admin") }
}
