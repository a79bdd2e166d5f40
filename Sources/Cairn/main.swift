import HTTPServer
import Foundation

var router = Router()
router.get("/health") { _ in .success(["status": "ok"]) }
let r = router
let engine = HTTPEngine(configuration: ServerConfiguration(port: 18080)) { request in
    switch r.match(method: request.method, path: request.path) {
    case .found(let route, _): return try await route.handler(request)
    case .methodNotAllowed(let m): return HTTPError.methodNotAllowed(allowed: m).response
    case .notFound: return HTTPError.notFound().response
    }
}
try engine.start()
while true { sleep(100) }
