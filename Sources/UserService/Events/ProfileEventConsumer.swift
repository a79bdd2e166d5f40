import Database
import Foundation
import HTTPServer
import Platform

/// Keeps profiles in step with the auth service's `user.registered`, `user.updated` and `user.deactivated`.
///
/// Each event is applied in one transaction with its row in `processed_events`, so a redelivered event changes
/// nothing. An event whose payload cannot be read is logged and skipped rather than retried, because a retry
/// cannot fix it and would hold back the events behind it. Database errors are thrown, so the event is retried.
struct ProfileEventConsumer: Sendable {
    /// The consumer name recorded in `processed_events`.
    static let consumerName = "users.profiles"

    let database: any Database
    let logger: Logger

    /// Subscribes the handlers of the three user events to `bus`.
    func subscribe(to bus: any EventBus) {
        bus.subscribe(to: "user.registered", consumer: Self.consumerName) { event in
            try await self.handleRegistered(event)
        }
        bus.subscribe(to: "user.updated", consumer: Self.consumerName) { event in
            try await self.handleUpdated(event)
        }
        bus.subscribe(to: "user.deactivated", consumer: Self.consumerName) { event in
            try await self.handleDeactivated(event)
        }
    }

    /// Creates the profile of a new user; a user who already has one keeps it unchanged.
    func handleRegistered(_ event: Event) async throws {
        let registration: UserRegistration
        do {
            registration = try UserRegistration(UserEventPayload(data: event.data))
        } catch {
            self.logInvalidPayload(event, field: error.field)
            return
        }
        try await self.applyOnce(event) { connection in
            _ = try ProfileStore.insertRegistered(
                userID: registration.userID,
                username: registration.username,
                firstName: registration.firstName,
                lastName: registration.lastName,
                at: event.occurredAt,
                on: connection
            )
            return true
        }
    }

    /// Copies changed names into the profile.
    func handleUpdated(_ event: Event) async throws {
        let change: UserNameChange
        do {
            change = try UserNameChange(UserEventPayload(data: event.data))
        } catch {
            self.logInvalidPayload(event, field: error.field)
            return
        }
        try await self.applyOnce(event) { connection in
            try ProfileStore.updateNames(
                userID: change.userID,
                username: change.username,
                firstName: change.firstName,
                lastName: change.lastName,
                at: StoredDate.now(),
                on: connection
            )
        }
    }

    /// Marks the user inactive in the directory.
    func handleDeactivated(_ event: Event) async throws {
        let userID: String
        do {
            userID = try UserEventPayload(data: event.data).userID()
        } catch {
            self.logInvalidPayload(event, field: error.field)
            return
        }
        try await self.applyOnce(event) { connection in
            try ProfileStore.deactivate(userID: userID, at: StoredDate.now(), on: connection)
        }
    }

    /// Runs `apply` with the event's `processed_events` row in one transaction, unless the event was handled before.
    ///
    /// - Parameter apply: returns false when the event's user has no profile, which is logged as a warning.
    private func applyOnce(
        _ event: Event,
        _ apply: @escaping @Sendable (any DatabaseConnection) throws -> Bool
    ) async throws {
        let outcome = try await self.database.transaction { connection -> Bool? in
            guard try Outbox.markProcessed(eventID: event.id, consumer: Self.consumerName, on: connection) else {
                return nil
            }
            return try apply(connection)
        }
        if outcome == false {
            self.logger.warning(
                "User event names a user without a profile; it was skipped",
                metadata: ["event.id": event.id, "event.type": event.type]
            )
        }
    }

    private func logInvalidPayload(_ event: Event, field: String) {
        self.logger.error(
            "User event has an invalid payload; it was skipped",
            metadata: ["event.id": event.id, "event.type": event.type, "event.field": field]
        )
    }
}
