import CH2O

/// Copies what a handler needs out of h2o's request, which lives only as long as the loop keeps it.
enum RequestCopier {
    static func copy(_ request: UnsafeMutablePointer<h2o_req_t>) -> Request {
        let method = self.string(cairn_h2o_req_method(request))
        let target = cairn_h2o_req_path(request)
        let (path, query) = self.splitTarget(target)

        var fields: [(name: String, value: String)] = []
        let count = cairn_h2o_req_header_count(request)
        fields.reserveCapacity(count)
        for index in 0..<count {
            fields.append(
                (
                    self.string(cairn_h2o_req_header_name(request, index)),
                    self.string(cairn_h2o_req_header_value(request, index))
                )
            )
        }

        let entity = cairn_h2o_req_entity(request)
        var body: [UInt8] = []
        if let base = entity.base, entity.len > 0 {
            body = Array(UnsafeRawBufferPointer(start: base, count: entity.len))
        }

        var peer = [CChar](repeating: 0, count: 64)
        let peerLength = cairn_h2o_req_peer(request, &peer, peer.count)
        let peerAddress =
            peerLength > 0 ? String(decoding: peer[0..<peerLength].map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""

        return Request(
            method: method,
            path: path,
            rawQuery: query,
            headers: HTTPHeaders(fields),
            body: body,
            peerAddress: peerAddress
        )
    }

    /// Splits a request target at the first `?`.
    private static func splitTarget(_ target: h2o_iovec_t) -> (String, String) {
        guard let base = target.base, target.len > 0 else { return ("/", "") }
        let bytes = UnsafeRawBufferPointer(start: base, count: target.len)
        if let mark = bytes.firstIndex(of: UInt8(ascii: "?")) {
            return (
                String(decoding: bytes[..<mark], as: UTF8.self),
                String(decoding: bytes[(mark + 1)...], as: UTF8.self)
            )
        }
        return (String(decoding: bytes, as: UTF8.self), "")
    }

    private static func string(_ vector: h2o_iovec_t) -> String {
        guard let base = vector.base, vector.len > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: base, count: vector.len), as: UTF8.self)
    }
}
