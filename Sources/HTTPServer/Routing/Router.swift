/// An async handler for one route.
public typealias Handler = @Sendable (Request) async throws -> Response

/// Matches a method and a path to a handler; `{name}` segments capture path parameters.
///
/// Literal segments win over parameters at the same position, so `/users/profile` beats `/users/{id}`.
public struct Router: Sendable {
    private var root = RouteNode()

    public init() {}

    /// Registers `handler` for `method` on `template`, such as `/api/v1/users/{id}`.
    ///
    /// - Parameter tags: labels that middleware reads, such as which rate-limit bucket applies.
    public mutating func add(_ method: String, _ template: String, tags: Set<String> = [], _ handler: @escaping Handler)
    {
        let segments = Self.segments(of: template)
        let route = Route(template: template, tags: tags, handler: handler)
        self.root.insert(segments[...], method: method.uppercased(), route: route)
    }

    public mutating func get(_ template: String, tags: Set<String> = [], _ handler: @escaping Handler) {
        self.add("GET", template, tags: tags, handler)
    }

    public mutating func post(_ template: String, tags: Set<String> = [], _ handler: @escaping Handler) {
        self.add("POST", template, tags: tags, handler)
    }

    public mutating func put(_ template: String, tags: Set<String> = [], _ handler: @escaping Handler) {
        self.add("PUT", template, tags: tags, handler)
    }

    public mutating func patch(_ template: String, tags: Set<String> = [], _ handler: @escaping Handler) {
        self.add("PATCH", template, tags: tags, handler)
    }

    public mutating func delete(_ template: String, tags: Set<String> = [], _ handler: @escaping Handler) {
        self.add("DELETE", template, tags: tags, handler)
    }

    /// Every registered route, for the OpenAPI document and tests.
    public var routes: [(method: String, template: String)] {
        self.root.allRoutes().sorted { ($0.template, $0.method) < ($1.template, $1.method) }
    }

    /// The outcome of matching a request.
    public enum Match: Sendable {
        case found(Route, parameters: [String: String])
        /// The path exists but not for this method; the allowed methods, sorted.
        case methodNotAllowed([String])
        case notFound
    }

    public func match(method: String, path: String) -> Match {
        let segments = Self.segments(of: path)
        var parameters: [String: String] = [:]
        guard let node = self.root.find(segments[...], parameters: &parameters) else { return .notFound }

        if let route = node.routes[method] {
            return .found(route, parameters: parameters)
        }
        if method == "HEAD", let route = node.routes["GET"] {
            return .found(route, parameters: parameters)
        }
        guard !node.routes.isEmpty else { return .notFound }
        return .methodNotAllowed(node.routes.keys.sorted())
    }

    private static func segments(of path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }
}

/// One registered route.
public struct Route: Sendable {
    /// The template as registered, used as the route label in logs and metrics.
    public let template: String
    public let tags: Set<String>
    public let handler: Handler
}
