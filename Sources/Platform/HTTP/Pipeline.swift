import Foundation
import HTTPServer

/// The steps every request goes through around its route's handler: request id, client address, authentication,
/// rate limits, error mapping, metrics and the access log.
public struct Pipeline: Sendable {
    public let router: Router
    public let verifier: AccessTokenVerifier
    public let rateLimiter: any RateLimiter
    public let metrics: Metrics
    public let settings: Settings
    public let logger: Logger

    public init(
        router: Router,
        verifier: AccessTokenVerifier,
        rateLimiter: any RateLimiter,
        metrics: Metrics,
        settings: Settings,
        logger: Logger
    ) {
        self.router = router
        self.verifier = verifier
        self.rateLimiter = rateLimiter
        self.metrics = metrics
        self.settings = settings
        self.logger = logger
    }

    /// Returns the response to `incoming`. It never throws, because every error becomes an envelope here.
    public func respond(to incoming: Request) async -> Response {
        let started = ContinuousClock.now
        var request = incoming
        request.requestID = RequestID.accept(request.headers["x-request-id"])
        request.clientAddress = ClientAddress.resolve(
            peer: request.peerAddress,
            forwardedFor: request.headers["x-forwarded-for"],
            trustedProxies: self.settings.trustedProxies
        )

        var logger = self.logger
        logger.metadata["http.request_id"] = request.requestID
        var response = await Logger.$current.withValue(logger) {
            await self.route(&request)
        }

        response.headers.add("x-request-id", request.requestID)
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let route = request.route ?? "unmatched"
        self.metrics.observe(method: request.method, route: route, status: response.status.rawValue, seconds: seconds)
        AccessLog.write(request: request, route: route, status: response.status.rawValue, seconds: seconds)
        return response
    }

    private func route(_ request: inout Request) async -> Response {
        let route: Route
        switch self.router.match(method: request.method, path: request.path) {
        case .found(let found, let parameters):
            route = found
            request.route = found.template
            request.pathParameters = parameters
        case .methodNotAllowed(let allowed):
            return HTTPError.methodNotAllowed(allowed: allowed).response
        case .notFound:
            return HTTPError.notFound("NOT_FOUND", "No endpoint at this path").response
        }
        if route.tags.contains(RouteTag.operations) {
            return await self.run(route, request)
        }
        if let parameter = Self.parameterWithNUL(in: request.rawQuery) {
            return HTTPError.invalidField(parameter, "Must not contain NUL characters").response
        }

        switch self.verifier.authenticate(header: request.headers["authorization"]) {
        case .success(let user): request.user = user
        case .failure(let error): request.authenticationError = error
        }

        var limitHeaders = HTTPHeaders()
        if let rule = self.rule(for: route, request: request) {
            let key = self.limitKey(for: route, request: request)
            let decision = await self.rateLimiter.hit(key, rule: rule, now: Date())
            limitHeaders.add("ratelimit-limit", String(decision.limit))
            limitHeaders.add("ratelimit-remaining", String(decision.remaining))
            limitHeaders.add("ratelimit-reset", String(decision.resetSeconds))
            if !decision.allowed {
                var error = HTTPError(.tooManyRequests, code: "RATE_LIMITED", message: "Too many requests; retry later")
                error.headers = limitHeaders
                error.headers.add("retry-after", String(decision.resetSeconds))
                return error.response
            }
        }

        var response = await self.run(route, request)
        // A handler that applied a narrower limit of its own (per account) has set these already.
        if response.headers["ratelimit-remaining"] == nil {
            for field in limitHeaders {
                response.headers.add(field.name, field.value)
            }
        }
        return response
    }

    /// Returns the first query parameter whose decoded name or value contains NUL, which no parameter of the API accepts and
    /// PostgreSQL cannot store.
    static func parameterWithNUL(in rawQuery: String) -> String? {
        guard rawQuery.contains("%00") else { return nil }
        for pair in rawQuery.split(separator: "&") where pair.contains("%00") {
            let name = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            return QueryString.decode(name[...])?.replacingOccurrences(of: "\u{0}", with: "") ?? "query"
        }
        return nil
    }

    private func rule(for route: Route, request: Request) -> RateLimitRule? {
        if route.tags.contains(RouteTag.authenticationLimit) { return self.settings.rateLimitAuth }
        return request.user == nil ? self.settings.rateLimitAnonymous : self.settings.rateLimitUser
    }

    private func limitKey(for route: Route, request: Request) -> String {
        if route.tags.contains(RouteTag.authenticationLimit) { return "auth:address:\(request.clientAddress)" }
        if let user = request.user { return "user:\(user.id)" }
        return "anon:\(request.clientAddress)"
    }

    private func run(_ route: Route, _ request: Request) async -> Response {
        do {
            return try await route.handler(request)
        } catch let error as HTTPError {
            return error.response
        } catch {
            Logger.current.error(
                "Request failed with an unexpected error",
                metadata: ["error": String(reflecting: error), "http.route": route.template]
            )
            return HTTPError.internalError.response
        }
    }
}
