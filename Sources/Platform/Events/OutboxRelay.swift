import Database
import Foundation
import HTTPServer
import Synchronization

/// Moves a service's outbox rows to the bus in order and marks them sent.
///
/// Delivery is at least once: a crash between publishing and marking repeats the event, which consumers ignore
/// through ``Outbox/markProcessed(eventID:consumer:on:)``.
public final class OutboxRelay: Sendable {
    private let database: any Database
    private let bus: any EventBus
    private let service: String
    private let wakeUp: AsyncStream<Void>.Continuation
    private let signals: AsyncStream<Void>
    /// Seconds between polls when nothing wakes the relay; a poll also retries failed deliveries.
    private let pollInterval: Double

    public init(database: any Database, bus: any EventBus, service: String, pollInterval: Double = 1) {
        self.database = database
        self.bus = bus
        self.service = service
        self.pollInterval = pollInterval
        (self.signals, self.wakeUp) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks the relay to look at the outbox now, typically right after a commit that wrote an event.
    public func notify() {
        self.wakeUp.yield()
    }

    /// Relays until the task is cancelled.
    public func run() async {
        let signals = self.signals
        let interval = self.pollInterval
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(Int(interval * 1000)))
                self.wakeUp.yield()
            }
        }
        defer { ticker.cancel() }

        for await _ in signals {
            if Task.isCancelled { break }
            await self.relayPending()
        }
    }

    /// Publishes every unsent row, oldest first, stopping at the first failure so order is kept.
    public func relayPending() async {
        while true {
            let batch: [Event]
            do {
                batch = try await self.database.read { connection in
                    try connection.query(
                        """
                        SELECT id, type, occurred_at, producer, actor_id, data FROM outbox
                        WHERE sent_at IS NULL ORDER BY sequence LIMIT 100
                        """,
                        []
                    ).map(Self.event(from:))
                }
            } catch {
                Logger.current.error("Reading the outbox failed", metadata: ["service": self.service, "error": "\(error)"])
                return
            }
            if batch.isEmpty { return }

            for event in batch {
                do {
                    try await self.bus.publish(event)
                    _ = try await self.database.transaction { connection in
                        try connection.execute(
                            "UPDATE outbox SET sent_at = $1 WHERE id = $2",
                            [.date(Date()), .text(event.id)]
                        )
                    }
                } catch {
                    Logger.current.warning(
                        "Event delivery failed; it will be retried",
                        metadata: ["service": self.service, "event.id": event.id, "event.type": event.type]
                    )
                    return
                }
            }
        }
    }

    private static func event(from row: Row) throws -> Event {
        let data = try row.decode("data", as: String.self)
        let parsed = try JSONParser().parse(Array(data.utf8))
        guard case .object(let object) = parsed else {
            throw HTTPError.invalidField("data", "The stored event data is not a JSON object")
        }
        return Event(
            id: try row.decode("id", as: UUID.self).uuidString.lowercased(),
            type: try row.decode("type", as: String.self),
            occurredAt: try row.decode("occurred_at", as: Date.self),
            producer: try row.decode("producer", as: String.self),
            actorID: try row.decode("actor_id", as: UUID?.self)?.uuidString.lowercased(),
            data: object
        )
    }
}
