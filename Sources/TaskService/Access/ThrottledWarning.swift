import Foundation
import Platform
import Synchronization

/// A warning logged at most once per interval, with the number of repeats left out since the last line, so an
/// outage of another service does not flood the log with one line per request.
final class ThrottledWarning: Sendable {
    private struct State {
        var lastLogged: ContinuousClock.Instant?
        var suppressed = 0
    }

    private let message: String
    private let interval: Duration
    private let state = Mutex(State())

    init(_ message: String, interval: Duration = .seconds(60)) {
        self.message = message
        self.interval = interval
    }

    /// Logs the warning with `metadata` unless it was logged less than the interval ago.
    func log(metadata: [String: String]) {
        let now = ContinuousClock.now
        let suppressed: Int? = self.state.withLock { state in
            if let last = state.lastLogged, now - last < self.interval {
                state.suppressed += 1
                return nil
            }
            let count = state.suppressed
            state.lastLogged = now
            state.suppressed = 0
            return count
        }
        guard let suppressed else { return }
        var fields = metadata
        fields["repeats_not_logged"] = String(suppressed)
        Logger.current.warning(self.message, metadata: fields)
    }
}
