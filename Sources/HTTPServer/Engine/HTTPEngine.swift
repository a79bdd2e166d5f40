import CH2O
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The HTTP/1.1 server: h2o event loops that hand each request to an async responder.
///
/// Each loop thread owns its connections. A request is copied into a ``Request`` and handled on a Swift task, and
/// the finished ``Response`` goes back to the owning loop through h2o's cross-thread queue, so no loop thread
/// ever waits for a handler.
public final class HTTPEngine: Sendable {
    public let configuration: ServerConfiguration
    let responder: Handler
    /// The loops, fixed after `start`.
    private let loops: Mutex<[EventLoop]> = Mutex([])
    /// Requests accepted and not yet responded to or abandoned, across all loops.
    let inFlight = Atomic<Int>(0)
    private let boundPort = Atomic<Int>(0)

    /// - Parameter responder: returns the response to every request. It must not throw, so callers wrap their router
    ///   in error handling.
    public init(configuration: ServerConfiguration, responder: @escaping Handler) {
        self.configuration = configuration
        self.responder = responder
    }

    /// The port actually bound, useful when the configuration asked for port 0.
    public var port: Int { self.boundPort.load(ordering: .acquiring) }

    /// Binds one listener per loop and starts the loop threads.
    ///
    /// - Throws: ``HTTPEngineError`` when the address is invalid or cannot be bound.
    public func start() throws {
        signal(SIGPIPE, SIG_IGN)
        let config = UnsafeMutablePointer<h2o_globalconf_t>.allocate(capacity: 1)
        cairn_h2o_config_init(config, onRequest)
        cairn_h2o_configure_limits(config, self.configuration.maxBodyBytes)

        var port = self.configuration.port
        var created: [EventLoop] = []
        for index in 0..<self.configuration.loopCount {
            let fd = try SocketAddress.listen(host: self.configuration.host, port: port)
            if port == 0 {
                port = SocketAddress.localPort(of: fd)
            }
            created.append(EventLoop(index: index, engine: self, config: config, listenerDescriptor: fd))
        }
        self.boundPort.store(port, ordering: .releasing)
        self.loops.withLock { $0 = created }
        for loop in created {
            loop.startThread()
        }
    }

    /// Stops accepting, waits up to the deadline for in-flight requests, and returns.
    ///
    /// Idle keep-alive connections are not waited for; the process exits after this returns.
    public func shutdown() async {
        let loops = self.loops.withLock { $0 }
        for loop in loops {
            loop.requestListenerClose()
        }

        let deadline = ContinuousClock.now + .milliseconds(Int(self.configuration.shutdownDeadline * 1000))
        while self.inFlight.load(ordering: .acquiring) > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        // Give the loops a moment to write the last responses to their sockets.
        try? await Task.sleep(for: .milliseconds(50))
    }
}

/// The reason the server could not start.
public struct HTTPEngineError: Error, CustomStringConvertible {
    public var description: String
}

/// h2o's request callback; runs on a loop thread.
private func onRequest(
    _ handler: UnsafeMutablePointer<h2o_handler_t>?,
    _ request: UnsafeMutablePointer<h2o_req_t>?
)
    -> Int32
{
    guard let request, let owner = cairn_h2o_req_loop_owner(request) else { return -1 }
    let loop = Unmanaged<EventLoop>.fromOpaque(owner).takeUnretainedValue()
    loop.accept(request)
    return 0
}
