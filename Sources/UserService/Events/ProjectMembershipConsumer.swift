import Database
import Foundation
import HTTPServer
import Platform

/// Copies direct project memberships from `project.member_added`, `project.member_removed` and `project.deleted`
/// into `project_members_view`, which the directory's visibility rule reads.
///
/// Each event is applied once, in the transaction that records it in `processed_events`.
struct ProjectMembershipConsumer: Sendable {
    /// The consumer name recorded in `processed_events`.
    static let consumerName = "users.project_members"

    let database: any Database
    let logger: Logger

    func subscribe(to bus: any EventBus) {
        bus.subscribe(to: "project.member_added", consumer: Self.consumerName) { event in
            guard let (project, user) = self.ids(in: event, needsUser: true) else { return }
            try await self.applyOnce(event) { connection in
                try connection.execute(
                    """
                    INSERT INTO project_members_view (project_id, user_id) VALUES ($1, $2)
                    ON CONFLICT (project_id, user_id) DO NOTHING
                    """,
                    [.uuid(project), .uuid(user!)]
                )
            }
        }
        bus.subscribe(to: "project.member_removed", consumer: Self.consumerName) { event in
            guard let (project, user) = self.ids(in: event, needsUser: true) else { return }
            try await self.applyOnce(event) { connection in
                try connection.execute(
                    "DELETE FROM project_members_view WHERE project_id = $1 AND user_id = $2",
                    [.uuid(project), .uuid(user!)]
                )
            }
        }
        bus.subscribe(to: "project.deleted", consumer: Self.consumerName) { event in
            guard let (project, _) = self.ids(in: event, needsUser: false) else { return }
            try await self.applyOnce(event) { connection in
                try connection.execute("DELETE FROM project_members_view WHERE project_id = $1", [.uuid(project)])
            }
        }
    }

    /// The project and user ids of `event`, or nil (logged) when the payload lacks them.
    private func ids(in event: Event, needsUser: Bool) -> (UUID, UUID?)? {
        guard case .string(let projectText)? = event.data["project_id"], let project = UUID(uuidString: projectText)
        else {
            self.logInvalid(event, field: "project_id")
            return nil
        }
        var user: UUID?
        if needsUser {
            guard case .string(let userText)? = event.data["user_id"], let parsed = UUID(uuidString: userText) else {
                self.logInvalid(event, field: "user_id")
                return nil
            }
            user = parsed
        }
        return (project, user)
    }

    private func applyOnce(
        _ event: Event,
        _ apply: @escaping @Sendable (any DatabaseConnection) throws -> Void
    )
        async throws
    {
        _ = try await self.database.transaction { connection in
            guard try Outbox.markProcessed(eventID: event.id, consumer: Self.consumerName, on: connection) else {
                return
            }
            try apply(connection)
        }
    }

    private func logInvalid(_ event: Event, field: String) {
        self.logger.error(
            "Project event has an invalid payload; it was skipped",
            metadata: ["event.id": event.id, "event.type": event.type, "event.field": field]
        )
    }
}
