import Foundation
import Synchronization

/// The outcome of counting one request against a limit.
public struct RateLimitDecision: Sendable {
    public var allowed: Bool
    public var limit: Int
    public var remaining: Int
    /// Seconds until the current window ends.
    public var resetSeconds: Int
}

/// Counts requests per key in fixed windows. The in-memory limiter serves one process; a Redis one can replace it
/// for a fleet without callers changing.
public protocol RateLimiter: Sendable {
    /// Counts one request for `key` under `rule` and returns whether it is within the limit.
    func hit(_ key: String, rule: RateLimitRule, now: Date) async -> RateLimitDecision
}

/// Fixed windows kept in process memory, in shards so that loops rarely contend for one lock.
public final class InMemoryRateLimiter: RateLimiter {
    private struct Window {
        var start: Int64
        var count: Int
    }

    private final class Shard: Sendable {
        let windows = Mutex<[String: Window]>([:])
    }

    private let shards: [Shard]

    public init(shardCount: Int = 16) {
        self.shards = (0..<shardCount).map { _ in Shard() }
    }

    public func hit(_ key: String, rule: RateLimitRule, now: Date) async -> RateLimitDecision {
        self.hitNow(key, rule: rule, now: now)
    }

    /// Counts a request as ``hit(_:rule:now:)`` does, without suspending.
    public func hitNow(_ key: String, rule: RateLimitRule, now: Date) -> RateLimitDecision {
        let seconds = Int64(now.timeIntervalSince1970)
        let windowStart = seconds - seconds % Int64(rule.period)
        let shard = self.shards[Int(UInt(bitPattern: key.hashValue) % UInt(self.shards.count))]

        let count = shard.windows.withLock { windows -> Int in
            if windows.count > 100_000 {
                windows = windows.filter { $0.value.start >= windowStart - 86_400 }
            }
            var window = windows[key] ?? Window(start: windowStart, count: 0)
            if window.start != windowStart {
                window = Window(start: windowStart, count: 0)
            }
            window.count += 1
            windows[key] = window
            return window.count
        }
        let reset = Int(windowStart + Int64(rule.period) - seconds)
        return RateLimitDecision(
            allowed: count <= rule.limit,
            limit: rule.limit,
            remaining: max(0, rule.limit - count),
            resetSeconds: max(1, reset)
        )
    }
}
