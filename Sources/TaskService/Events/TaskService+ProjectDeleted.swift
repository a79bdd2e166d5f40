import Database
import Foundation
import HTTPServer
import Platform

extension TaskService {
    /// The consumer name recorded in `processed_events`.
    static let projectDeletedConsumer = "tasks.project_deleted"

    /// Deletes the tasks of the project named by `data.project_id`, with their dependencies, labels and number
    /// counter, once per event id: a repeated delivery finds the event recorded and changes nothing.
    ///
    /// An event without a valid `project_id` is logged and skipped, because retrying it cannot succeed.
    func handleProjectDeleted(_ event: Event) async throws {
        guard case .string(let text)? = event.data["project_id"], let projectID = Self.pathID(text) else {
            Logger.current.error(
                "Skipped a project.deleted event without a valid project_id",
                metadata: ["event.id": event.id]
            )
            return
        }
        let deleted = try await self.context.write { connection -> Int? in
            guard try Outbox.markProcessed(eventID: event.id, consumer: Self.projectDeletedConsumer, on: connection)
            else { return nil }
            return try TaskStore.deleteProject(projectID, on: connection)
        }
        if let deleted {
            Logger.current.info(
                "Deleted the tasks of a deleted project",
                metadata: ["event.id": event.id, "project.id": projectID, "task.count": String(deleted)]
            )
        }
    }
}
