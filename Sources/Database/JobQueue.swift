import Dispatch
import Synchronization

/// A FIFO of jobs that a fixed set of worker threads take from, blocking while it is empty.
///
/// The Mutex guards the jobs and the closed flag. The semaphore counts wake-ups: one per
/// submitted job, plus one per worker on `close()`. A worker takes a job only after a wake-up,
/// so it finds the queue empty only after `close()`, and then it exits.
final class JobQueue<Connection>: Sendable {
    typealias Job = @Sendable (Connection) -> Void

    private struct State {
        /// Jobs from `head` on are pending; slots before `head` are taken and nil.
        var jobs: [Job?] = []
        var head = 0
        var closed = false
    }

    private let state = Mutex(State())
    private let wakeUps = DispatchSemaphore(value: 0)
    private let workerCount: Int

    init(workerCount: Int) {
        self.workerCount = workerCount
    }

    /// Appends `job`, or returns false without queuing it if the queue is closed.
    func submit(_ job: @escaping Job) -> Bool {
        let accepted = self.state.withLock { state in
            guard !state.closed else {
                return false
            }
            state.jobs.append(job)
            return true
        }
        if accepted {
            self.wakeUps.signal()
        }
        return accepted
    }

    /// Blocks until a job is pending and returns it, or returns nil once the queue is closed and empty.
    func next() -> Job? {
        self.wakeUps.wait()
        return self.state.withLock { state in
            guard state.head < state.jobs.count else {
                return nil
            }
            let job = state.jobs[state.head]
            state.jobs[state.head] = nil
            state.head += 1
            if state.head == state.jobs.count {
                state.jobs.removeAll(keepingCapacity: true)
                state.head = 0
            } else if state.head >= 1024, state.head * 2 >= state.jobs.count {
                // A queue that never drains would otherwise keep every taken slot.
                state.jobs.removeFirst(state.head)
                state.head = 0
            }
            return job
        }
    }

    /// Rejects later submissions and wakes every worker so that each exits once the queue is empty.
    /// Returns false if the queue was already closed.
    @discardableResult
    func close() -> Bool {
        let wasOpen = self.state.withLock { state in
            let wasOpen = !state.closed
            state.closed = true
            return wasOpen
        }
        if wasOpen {
            for _ in 0..<self.workerCount {
                self.wakeUps.signal()
            }
        }
        return wasOpen
    }
}
