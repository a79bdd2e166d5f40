import Synchronization

/// Runs an async call with a time limit, without waiting for a call that ignores cancellation.
enum Deadline {
    /// Returns the result of `operation`, or nil when it has not finished after `timeout`.
    ///
    /// The operation runs in its own task. When the time is up, this function returns at once and cancels that
    /// task. A call that does not check for cancellation finishes in the background, and its result is dropped.
    static func value<T: Sendable>(
        within timeout: Duration,
        _ operation: @escaping @Sendable () async throws -> T
    ) async -> Result<T, any Error>? {
        let gate = ResumeGate<Result<T, any Error>?>()
        return await withCheckedContinuation { continuation in
            gate.install(continuation)
            let work = Task {
                let outcome: Result<T, any Error>
                do {
                    outcome = .success(try await operation())
                } catch {
                    outcome = .failure(error)
                }
                gate.resume(with: outcome)
            }
            let timer = Task {
                do {
                    try await Task.sleep(for: timeout)
                } catch {
                    return
                }
                if gate.resume(with: nil) {
                    work.cancel()
                }
            }
            gate.attach(timer: timer)
        }
    }
}

/// A continuation that the first of two racing tasks resumes; the later attempt does nothing.
private final class ResumeGate<Value: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Value, Never>?
        var timer: Task<Void, Never>?
        var isResumed = false
    }

    private let state = Mutex(State())

    func install(_ continuation: CheckedContinuation<Value, Never>) {
        self.state.withLock { $0.continuation = continuation }
    }

    /// Keeps the timer so that an early result can stop it; stops it at once when the result came first.
    func attach(timer: Task<Void, Never>) {
        let isResumed = self.state.withLock { state in
            state.timer = timer
            return state.isResumed
        }
        if isResumed {
            timer.cancel()
        }
    }

    /// Resumes the waiting caller with `value` and stops the timer; returns false when this already happened.
    @discardableResult
    func resume(with value: Value) -> Bool {
        let (continuation, timer) = self.state.withLock { state in
            guard !state.isResumed else { return (CheckedContinuation<Value, Never>?.none, Task<Void, Never>?.none) }
            state.isResumed = true
            defer {
                state.continuation = nil
                state.timer = nil
            }
            return (state.continuation, state.timer)
        }
        guard let continuation else { return false }
        timer?.cancel()
        continuation.resume(returning: value)
        return true
    }
}
