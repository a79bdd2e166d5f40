import Database
import Foundation
import HTTPServer

/// The per-service table of events written in the same transaction as the change they announce.
public enum Outbox {
    /// Writes `event` into the outbox on `connection`, inside the caller's transaction.
    public static func append(_ event: Event, on connection: any DatabaseConnection) throws {
        let data = String(decoding: JSONValue.object(event.data).serialized(), as: UTF8.self)
        try connection.execute(
            """
            INSERT INTO outbox (id, type, occurred_at, producer, actor_id, data)
            VALUES ($1, $2, $3, $4, $5, $6)
            """,
            [
                .text(event.id), .text(event.type), .date(event.occurredAt), .text(event.producer),
                event.actorID.map { .text($0) } ?? .null, .text(data),
            ]
        )
    }

    /// The outbox and processed-events tables; each service puts this in its first migration.
    public static func schema(for dialect: SQLDialect) -> String {
        switch dialect {
        case .sqlite:
            """
            CREATE TABLE outbox (
                sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                type TEXT NOT NULL,
                occurred_at TEXT NOT NULL,
                producer TEXT NOT NULL,
                actor_id TEXT,
                data TEXT NOT NULL,
                sent_at TEXT
            );
            CREATE INDEX outbox_unsent ON outbox (sequence) WHERE sent_at IS NULL;
            CREATE TABLE processed_events (
                consumer TEXT NOT NULL,
                event_id TEXT NOT NULL,
                processed_at TEXT NOT NULL,
                PRIMARY KEY (consumer, event_id)
            );
            """
        case .postgres:
            """
            CREATE TABLE outbox (
                sequence BIGSERIAL PRIMARY KEY,
                id UUID NOT NULL UNIQUE,
                type TEXT NOT NULL,
                occurred_at TIMESTAMPTZ NOT NULL,
                producer TEXT NOT NULL,
                actor_id UUID,
                data TEXT NOT NULL,
                sent_at TIMESTAMPTZ
            );
            CREATE INDEX outbox_unsent ON outbox (sequence) WHERE sent_at IS NULL;
            CREATE TABLE processed_events (
                consumer TEXT NOT NULL,
                event_id UUID NOT NULL,
                processed_at TIMESTAMPTZ NOT NULL,
                PRIMARY KEY (consumer, event_id)
            );
            """
        }
    }

    /// Records that `consumer` handled `eventID`; false when it already had, so the caller skips the repeat.
    /// Call it inside the transaction that applies the event's effect, so both commit or neither does.
    public static func markProcessed(
        eventID: String,
        consumer: String,
        on connection: any DatabaseConnection
    ) throws
        -> Bool
    {
        let inserted = try connection.execute(
            """
            INSERT INTO processed_events (consumer, event_id, processed_at) VALUES ($1, $2, $3)
            ON CONFLICT (consumer, event_id) DO NOTHING
            """,
            [.text(consumer), .text(eventID), .date(Date())]
        )
        return inserted == 1
    }
}
