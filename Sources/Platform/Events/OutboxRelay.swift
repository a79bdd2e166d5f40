import Database
import Foundation
import HTTPServer
import Synchronization

/// Moves a service's outbox rows to the bus in order and marks them sent.
///
/// Delivery is at least once: a crash between publishing and marking repeats the event, which consumers ignore
/// through ``Outbox/markProcessed(eventID:consumer:on:)``. One pass runs at a time; callers that ask for a flush
/// while a pass runs wait for the next pass, which sees every row committed before they asked.
public final class OutboxRelay: Sendable {
    private let database: any Database
    private let bus: any EventBus
    private let service: String
    private let wakeUp: AsyncStream<Void>.Continuation
    private let signals: AsyncStream<Void>
    private let gate = RelayGate()
    /// Seconds between polls when nothing wakes the relay; a poll also retries failed deliveries.
    private let pollInterval: Double

    public init(database: any Database, bus: any EventBus, service: String, pollInterval: Double = 1) {
        self.database = database
        self.bus = bus
        self.service = service
        self.pollInterval = pollInterval
        (self.signals, self.wakeUp) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks the relay to look at the outbox soon, without waiting.
    public func notify() {
        self.wakeUp.yield()
    }

    /// Relays until the task is cancelled: on every ``notify()`` and every poll interval.
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

    /// Returns once every row committed before the call has been offered to the bus (delivered, or left for a
    /// retry after a failure).
    public func relayPending() async {
        await self.gate.flush { await self.pass() }
    }

    /// Publishes unsent rows oldest first, stopping at the first failure so order is kept.
    private func pass() async {
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
                Logger.current.error(
                    "Reading the outbox failed",
                    metadata: ["service": self.service, "error": "\(error)"]
                )
                return
            }
            if batch.isEmpty { return }

            var delivered: [String] = []
            var failed = false
            for event in batch {
                do {
                    try await self.bus.publish(event)
                    delivered.append(event.id)
                } catch {
                    Logger.current.warning(
                        "Event delivery failed; it will be retried",
                        metadata: ["service": self.service, "event.id": event.id, "event.type": event.type]
                    )
                    failed = true
                    break
                }
            }
            await self.markSent(delivered)
            if failed || batch.count < 100 { return }
        }
    }

    /// Marks `ids` sent in one statement.
    private func markSent(_ ids: [String]) async {
        guard !ids.isEmpty else { return }
        let placeholders = (2...(ids.count + 1)).map { "$\($0)" }.joined(separator: ", ")
        let binds: [SQLValue] = [.date(Date())] + ids.map { .text($0) }
        do {
            _ = try await self.database.transaction { connection in
                try connection.execute("UPDATE outbox SET sent_at = $1 WHERE id IN (\(placeholders))", binds)
            }
        } catch {
            // The events go out again on the next pass; consumers ignore the repeats.
            Logger.current.error(
                "Marking outbox events sent failed",
                metadata: ["service": self.service, "error": "\(error)"]
            )
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
