import HTTPServer
import Testing

@Suite struct RouterTests {
    private func makeRouter() -> Router {
        var router = Router()
        router.get("/api/v1/users/{id}") { _ in .success("by id") }
        router.get("/api/v1/users/profile") { _ in .success("profile") }
        router.patch("/api/v1/users/profile") { _ in .success("patched") }
        router.delete("/api/v1/teams/{id}/members/{user_id}") { _ in .noContent }
        return router
    }

    @Test func literalSegmentBeatsParameter() {
        guard
            case .found(let route, let parameters) = self.makeRouter().match(
                method: "GET",
                path: "/api/v1/users/profile"
            )
        else {
            Issue.record("profile route did not match")
            return
        }
        #expect(route.template == "/api/v1/users/profile")
        #expect(parameters.isEmpty)
    }

    @Test func parametersAreCaptured() {
        let router = self.makeRouter()
        guard
            case .found(let route, let parameters) = router.match(method: "DELETE", path: "/api/v1/teams/t1/members/u2")
        else {
            Issue.record("member route did not match")
            return
        }
        #expect(route.template == "/api/v1/teams/{id}/members/{user_id}")
        #expect(parameters["id"] == "t1")
        #expect(parameters["user_id"] == "u2")
    }

    @Test func percentEscapesInParametersAreDecoded() {
        guard case .found(_, let parameters) = self.makeRouter().match(method: "GET", path: "/api/v1/users/a%20b")
        else {
            Issue.record("route did not match")
            return
        }
        #expect(parameters["id"] == "a b")
    }

    @Test func wrongMethodListsAllowedMethods() {
        guard
            case .methodNotAllowed(let allowed) = self.makeRouter().match(method: "POST", path: "/api/v1/users/profile")
        else {
            Issue.record("expected 405")
            return
        }
        #expect(allowed == ["GET", "PATCH"])
    }

    @Test func unknownPathIsNotFound() {
        let router = self.makeRouter()
        guard case .notFound = router.match(method: "GET", path: "/api/v1/nothing") else {
            Issue.record("expected 404")
            return
        }
        guard case .notFound = router.match(method: "GET", path: "/api/v1/users/1/extra") else {
            Issue.record("expected 404 for a longer path")
            return
        }
    }

    @Test func headFallsBackToGet() {
        guard case .found(let route, _) = self.makeRouter().match(method: "HEAD", path: "/api/v1/users/x") else {
            Issue.record("HEAD did not match GET")
            return
        }
        #expect(route.template == "/api/v1/users/{id}")
    }

    @Test func trailingSlashMatchesSamePath() {
        guard case .found = self.makeRouter().match(method: "GET", path: "/api/v1/users/profile/") else {
            Issue.record("trailing slash did not match")
            return
        }
    }

    @Test func routesAreListedSorted() {
        let routes = self.makeRouter().routes.map { "\($0.method) \($0.template)" }
        #expect(routes.count == 4)
        #expect(routes.contains("PATCH /api/v1/users/profile"))
    }
}
