import Foundation
import HTTPServer

/// One JSON line per request: time, request id, method, route template, status, duration and user id.
/// It never holds a header value, query string or body, so tokens and passwords cannot leak into it.
enum AccessLog {
    static func write(request: Request, route: String, status: Int, seconds: Double) {
        var line: JSONObject = [
            "time": .string(Timestamp.format(Date())),
            "level": "info",
            "logger": "http",
            "message": "request",
            "request_id": .string(request.requestID),
            "method": .string(request.method),
            "route": .string(route),
            "status": .int(Int64(status)),
            "duration_ms": .double((seconds * 1_000_000).rounded() / 1000),
            "client": .string(request.clientAddress),
        ]
        line["user_id"] = .string(request.user?.id)
        LogSink.write(.object(line))
    }
}
