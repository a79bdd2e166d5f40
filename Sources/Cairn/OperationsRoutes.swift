import Database
import HTTPServer
import Platform

/// `/health`, `/ready`, `/metrics` and the OpenAPI document.
struct OperationsRoutes {
    let runtime: Runtime

    func add(to router: inout Router) {
        let tags: Set<String> = [RouteTag.operations]
        let runtime = self.runtime
        router.get("/health", tags: tags) { _ in .success(["status": "ok"]) }
        router.get("/ready", tags: tags) { _ in await Self.readiness(runtime) }
        router.get("/metrics", tags: tags) { _ in
            Response(status: .ok, text: runtime.metrics.render(), contentType: "text/plain; version=0.0.4")
        }

        let document = OpenAPIDocument.make(services: runtime.services, router: router).serialized()
        router.get("/api/v1/openapi.json", tags: tags) { _ in
            Response(status: .ok, headers: HTTPHeaders([("content-type", "application/json")]), body: document)
        }
    }

    /// `200` when every served database answers and has no pending migration, `503` otherwise.
    private static func readiness(_ runtime: Runtime) async -> Response {
        var checks = JSONObject()
        var ready = true
        for (name, database) in runtime.databases.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let reachable = await database.isReachable()
            var pending: [Int] = []
            if reachable, let type = Runtime.serviceTypes[name] {
                let migrations = type.migrations(for: database.dialect)
                pending = (try? await Migrator(service: name.rawValue).pendingVersions(database, migrations)) ?? [-1]
            }
            let ok = reachable && pending.isEmpty
            ready = ready && ok
            checks[name.rawValue] = .string(ok ? "ok" : (reachable ? "migrations pending" : "unreachable"))
        }
        let body: JSONValue = ["status": .string(ready ? "ready" : "not ready"), "checks": .object(checks)]
        if ready {
            return .success(body)
        }
        var error = HTTPError.serviceUnavailable(retryAfter: 5)
        error.message = "Not ready: a database is unreachable or not migrated"
        return error.response
    }
}
