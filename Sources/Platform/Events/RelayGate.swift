/// Lets one relay pass run at a time and coalesces the flushes asked for meanwhile.
///
/// A caller that arrives during a pass cannot be served by it, because the pass may have read the outbox before
/// the caller's commit; it waits for the next pass, which one of the waiters starts when the current one ends.
actor RelayGate {
    private var isRunning = false
    /// Callers waiting for a pass that has not started yet.
    private var waitingForNextPass: [CheckedContinuation<Void, Never>] = []

    func flush(_ pass: @Sendable () async -> Void) async {
        if self.isRunning {
            await withCheckedContinuation { self.waitingForNextPass.append($0) }
            return
        }

        self.isRunning = true
        await pass()
        while !self.waitingForNextPass.isEmpty {
            let served = self.waitingForNextPass
            self.waitingForNextPass.removeAll()
            await pass()
            for waiter in served {
                waiter.resume()
            }
        }
        self.isRunning = false
    }
}
