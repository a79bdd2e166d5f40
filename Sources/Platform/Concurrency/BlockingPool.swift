import Foundation
import Synchronization

/// A fixed set of threads for work that blocks or burns CPU (password hashing, SMTP), kept off Swift's
/// cooperative pool so that a slow job never stalls unrelated requests.
public final class BlockingPool: Sendable {
    private final class Queue: @unchecked Sendable {
        // Guarded by `condition`: `jobs` is only touched between lock() and unlock().
        let condition = NSCondition()
        var jobs: [@Sendable () -> Void] = []
    }

    private let queue = Queue()

    /// - Parameter threadCount: how many jobs run at once; memory-hungry jobs such as Argon2id (64 MiB each)
    ///   are bounded by it.
    public init(threadCount: Int, name: String) {
        for index in 0..<max(1, threadCount) {
            let queue = self.queue
            let thread = Thread {
                while true {
                    queue.condition.lock()
                    while queue.jobs.isEmpty {
                        queue.condition.wait()
                    }
                    let job = queue.jobs.removeFirst()
                    queue.condition.unlock()
                    job()
                }
            }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    /// Runs `work` on a pool thread and returns its result.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            self.queue.condition.lock()
            self.queue.jobs.append {
                continuation.resume(with: Result { try work() })
            }
            self.queue.condition.signal()
            self.queue.condition.unlock()
        }
    }
}
