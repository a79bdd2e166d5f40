import Foundation
import HTTPServer

/// A fact one service announces to the others: `{id, type, occurred_at, producer, actor_id, data}`.
public struct Event: Sendable, Equatable {
    public var id: String
    /// Such as `user.registered`; payloads per type are listed in docs/events.md.
    public var type: String
    public var occurredAt: Date
    /// The service that wrote the event.
    public var producer: String
    public var actorID: String?
    public var data: JSONObject

    public init(
        id: String = UUIDv7.make().uuidString.lowercased(),
        type: String,
        occurredAt: Date = Date(),
        producer: String,
        actorID: String?,
        data: JSONObject
    ) {
        self.id = id
        self.type = type
        self.occurredAt = occurredAt
        self.producer = producer
        self.actorID = actorID
        self.data = data
    }

    /// The event as the JSON object that goes on a bus.
    public var json: JSONValue {
        [
            "id": .string(self.id),
            "type": .string(self.type),
            "occurred_at": .string(Timestamp.format(self.occurredAt)),
            "producer": .string(self.producer),
            "actor_id": .string(self.actorID),
            "data": .object(self.data),
        ]
    }
}
