import Foundation
import HTTPServer
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Drives the real engine over a loopback socket.
@Suite(.timeLimit(.minutes(1))) struct HTTPEngineTests {
    @Test func answersOverLoopbackAndHonoursBodyLimit() async throws {
        let engine = HTTPEngine(
            configuration: ServerConfiguration(host: "127.0.0.1", port: 0, loopCount: 2, maxBodyBytes: 1024)
        ) { request in
            try await Task.sleep(for: .milliseconds(5))
            return .success([
                "method": .string(request.method), "path": .string(request.path),
                "query": .string(request.rawQuery), "bytes": .int(Int64(request.body.count)),
            ])
        }
        try engine.start()
        let base = "http://127.0.0.1:\(engine.port)"

        var request = URLRequest(url: URL(string: base + "/echo?x=1")!)
        request.httpMethod = "POST"
        request.httpBody = Data("hello".utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        let body = try JSONParser().parse(Array(data))
        #expect(body["data"]?["path"] == .string("/echo"))
        #expect(body["data"]?["query"] == .string("x=1"))
        #expect(body["data"]?["bytes"] == .int(5))

        var large = URLRequest(url: URL(string: base + "/echo")!)
        large.httpMethod = "POST"
        large.httpBody = Data(repeating: 0x61, count: 4096)
        let (_, largeResponse) = try await URLSession.shared.data(for: large)
        #expect((largeResponse as? HTTPURLResponse)?.statusCode == 413)

        await engine.shutdown()
    }

    @Test func manyConcurrentRequestsAllComplete() async throws {
        let engine = HTTPEngine(configuration: ServerConfiguration(port: 0, loopCount: 2)) { request in
            .success(.string(request.path))
        }
        try engine.start()
        let base = "http://127.0.0.1:\(engine.port)"
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<200 {
                group.addTask {
                    let (_, response) = try await URLSession.shared.data(from: URL(string: "\(base)/item/\(index)")!)
                    return (response as? HTTPURLResponse)?.statusCode ?? 0
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.count == 200)
        #expect(statuses.allSatisfy { $0 == 200 })
        await engine.shutdown()
    }
}
