import Foundation
import Synchronization

/// A fixed set of connections, each owned by its own thread, that run jobs from one shared queue.
///
/// A call costs one job closure and one continuation: the worker thread runs the body and
/// resumes the caller's continuation directly.
final class ConnectionPool<Connection: PooledConnection>: Sendable {
    private let queue: JobQueue<Connection>
    private let threadCount: Int
    /// Threads that have exited, and the `close()` calls waiting for all of them.
    private let exits = Mutex<(count: Int, waiters: [CheckedContinuation<Void, Never>])>((0, []))

    /// Starts one thread per connection. `name` labels the threads, for debuggers and `top -H`.
    ///
    /// `connections` are handed over: from now on only their worker threads use them.
    init(connections: [Connection], name: String) {
        precondition(!connections.isEmpty, "a connection pool needs at least one connection")
        self.queue = JobQueue(workerCount: connections.count)
        self.threadCount = connections.count

        for (index, connection) in connections.enumerated() {
            let transferred = TransferredValue(value: connection)
            let thread = Thread { [queue = self.queue, self] in
                let connection = transferred.value
                while let job = queue.next() {
                    job(connection)
                }
                connection.close()
                self.workerDidExit()
            }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    /// Runs `body` on the next free connection and returns its result.
    ///
    /// With `transaction`, the body runs inside the connection's `runTransaction`.
    func run<T: Sendable>(
        transaction: Bool,
        _ body: @escaping @Sendable (any DatabaseConnection) throws -> T
    ) async throws -> T {
        try await withUnsafeThrowingContinuation { continuation in
            let accepted = self.queue.submit { connection in
                do {
                    try connection.prepareForJob()
                    let value = transaction ? try connection.runTransaction(body) : try body(connection)
                    continuation.resume(returning: value)
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            if !accepted {
                continuation.resume(throwing: DatabaseError.closed)
            }
        }
    }

    /// Stops accepting jobs and returns at once; the threads finish the queued jobs, then exit.
    func shutDown() {
        self.queue.close()
    }

    /// Stops accepting jobs and returns once every queued job has run and every thread has exited.
    func close() async {
        self.queue.close()
        await withCheckedContinuation { continuation in
            let finished = self.exits.withLock { exits in
                if exits.count == self.threadCount {
                    return true
                }
                exits.waiters.append(continuation)
                return false
            }
            if finished {
                continuation.resume()
            }
        }
    }

    private func workerDidExit() {
        let waiters = self.exits.withLock { exits in
            exits.count += 1
            guard exits.count == self.threadCount else {
                return [CheckedContinuation<Void, Never>]()
            }
            defer { exits.waiters.removeAll() }
            return exits.waiters
        }
        for waiter in waiters {
            waiter.resume()
        }
    }
}
