import Foundation
import HTTPServer
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A JSON-lines logger writing to standard output.
///
/// Messages are constant text; variable data goes in `metadata` under dotted keys (`http.request_id`, `user.id`).
/// Never pass a token, password or request body.
public struct Logger: Sendable {
    public enum Level: Int, Sendable, Comparable, CaseIterable {
        case trace, debug, info, notice, warning, error, critical

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }

        /// Parses `debug`, `info`, `warning` or `error` (and the other level names), case-insensitively.
        public init?(name: String) {
            guard let level = Level.allCases.first(where: { "\($0)" == name.lowercased() }) else { return nil }
            self = level
        }
    }

    public var label: String
    public var minimumLevel: Level
    public var metadata: [String: String]

    public init(label: String, minimumLevel: Level = .info, metadata: [String: String] = [:]) {
        self.label = label
        self.minimumLevel = minimumLevel
        self.metadata = metadata
    }

    /// The logger of the current task, set per request and per background job.
    @TaskLocal public static var current = Logger(label: "cairn")

    public func log(_ level: Level, _ message: @autoclosure () -> String, metadata: [String: String] = [:]) {
        guard level >= self.minimumLevel else { return }
        var line: JSONObject = [
            "time": .string(Timestamp.format(Date())),
            "level": .string("\(level)"),
            "logger": .string(self.label),
            "message": .string(message()),
        ]
        for (key, value) in self.metadata.merging(metadata, uniquingKeysWith: { $1 }).sorted(by: { $0.key < $1.key }) {
            line[key] = .string(value)
        }
        LogSink.write(.object(line))
    }

    public func debug(_ message: @autoclosure () -> String, metadata: [String: String] = [:]) {
        self.log(.debug, message(), metadata: metadata)
    }

    public func info(_ message: @autoclosure () -> String, metadata: [String: String] = [:]) {
        self.log(.info, message(), metadata: metadata)
    }

    public func warning(_ message: @autoclosure () -> String, metadata: [String: String] = [:]) {
        self.log(.warning, message(), metadata: metadata)
    }

    public func error(_ message: @autoclosure () -> String, metadata: [String: String] = [:]) {
        self.log(.error, message(), metadata: metadata)
    }
}

/// Collects log lines and writes them to standard output in batches: when 64 KiB have gathered, every 50 ms,
/// and at ``flush()``. One `write(2)` per request cost a visible share of a request's time under load; a crash
/// loses at most the last 50 ms of lines.
public enum LogSink {
    private static let pending = Mutex<[UInt8]>([])
    /// Bytes gathered before a write happens at once instead of at the next tick.
    private static let batchBytes = 64 * 1024

    /// Starts the thread that flushes every 50 ms, once, on first use.
    private static let flusherStarted: Bool = {
        let thread = Thread {
            while true {
                Thread.sleep(forTimeInterval: 0.05)
                LogSink.flush()
            }
        }
        thread.name = "cairn-log-flush"
        thread.start()
        return true
    }()

    static func write(_ line: JSONValue) {
        _ = Self.flusherStarted
        var bytes = line.serialized()
        bytes.append(0x0A)
        let isFull = Self.pending.withLock { pending -> Bool in
            pending.append(contentsOf: bytes)
            return pending.count >= Self.batchBytes
        }
        if isFull {
            Self.flush()
        }
    }

    /// Held while a batch is taken and written, so batches reach the output in the order they were taken.
    private static let writeLock = Mutex(())

    /// Writes every gathered line now; call before the process exits.
    public static func flush() {
        Self.writeLock.withLock { _ in
            let taken = Self.pending.withLock { pending -> [UInt8] in
                let taken = pending
                pending.removeAll(keepingCapacity: true)
                return taken
            }
            guard !taken.isEmpty else { return }
            taken.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Glibc.write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        return
                    }
                    offset += written
                }
            }
        }
    }
}
