import Synchronization

/// Handles one event; throwing leaves the event undelivered so it is offered again later.
public typealias EventHandler = @Sendable (Event) async throws -> Void

/// Where relays put events and consumers take them: in process by default, Redis Streams in split mode.
public protocol EventBus: Sendable {
    /// Delivers `event` to every subscriber of its type; throws if any of them failed.
    func publish(_ event: Event) async throws
    /// Calls `handler` for each event of `type`; `consumer` names the subscriber in logs.
    func subscribe(to type: String, consumer: String, _ handler: @escaping EventHandler)
}

/// Delivers events to subscribers in the same process, awaiting each.
public final class InProcessEventBus: EventBus {
    private struct Subscription {
        var consumer: String
        var handler: EventHandler
    }

    private let subscriptions = Mutex<[String: [Subscription]]>([:])

    public init() {}

    public func subscribe(to type: String, consumer: String, _ handler: @escaping EventHandler) {
        self.subscriptions.withLock { $0[type, default: []].append(Subscription(consumer: consumer, handler: handler)) }
    }

    public func publish(_ event: Event) async throws {
        let matching = self.subscriptions.withLock { $0[event.type] ?? [] }
        var firstError: (any Error)?
        for subscription in matching {
            do {
                try await subscription.handler(event)
            } catch {
                Logger.current.error(
                    "Event consumer failed",
                    metadata: [
                        "event.id": event.id, "event.type": event.type, "event.consumer": subscription.consumer,
                        "error": String(describing: error),
                    ]
                )
                firstError = firstError ?? error
            }
        }
        if let firstError { throw firstError }
    }
}
