/// How the HTTP engine listens and what it accepts.
public struct ServerConfiguration: Sendable {
    /// Address to bind; an IPv4 or IPv6 literal. Default `127.0.0.1`.
    public var host: String
    /// TCP port; 0 picks a free one. Default 8080.
    public var port: Int
    /// Event loops, each a thread with its own `SO_REUSEPORT` listener. Default: one per core.
    public var loopCount: Int
    /// Largest request body h2o reads, in bytes; larger declared bodies are refused by h2o before any handler runs.
    public var maxBodyBytes: Int
    /// How long shutdown waits for in-flight requests, in seconds. Default 10.
    public var shutdownDeadline: Double

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        loopCount: Int = System.coreCount,
        maxBodyBytes: Int = 11 * 1024 * 1024,
        shutdownDeadline: Double = 10
    ) {
        self.host = host
        self.port = port
        self.loopCount = max(1, loopCount)
        self.maxBodyBytes = maxBodyBytes
        self.shutdownDeadline = shutdownDeadline
    }
}
