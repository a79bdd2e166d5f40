/// The success envelopes every handler responds with: `{"success": true, "data": …}`.
extension Response {
    /// `{"success": true, "data": data}` plus `message` when given.
    public static func success(_ data: JSONValue, status: HTTPStatus = .ok, message: String? = nil) -> Response {
        var body: JSONObject = ["success": true, "data": data]
        if let message {
            body["message"] = .string(message)
        }
        return Response(status: status, json: .object(body))
    }

    /// Returns a list page: the items in `data` and paging in `meta`.
    public static func list(_ items: [JSONValue], limit: Int, nextCursor: String?) -> Response {
        let meta: JSONObject = ["limit": .int(Int64(limit)), "next_cursor": .string(nextCursor)]
        return Response(status: .ok, json: ["success": true, "data": .array(items), "meta": .object(meta)])
    }

    /// `{"success": true, "message": message}` for actions that return nothing else.
    public static func message(_ message: String, status: HTTPStatus = .ok) -> Response {
        Response(status: status, json: ["success": true, "data": nil, "message": .string(message)])
    }

    /// `204 No Content`.
    public static let noContent = Response(status: .noContent)
}
