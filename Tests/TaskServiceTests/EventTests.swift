import Database
import HTTPServer
import Platform
import Testing

@testable import TaskService

@Suite struct EventTests {
    @Test(arguments: Backend.available)
    func clientCreatesNumberedTasks(_ backend: Backend) async throws {
        try await TaskHarness.with(backend) { harness in
            let alice = Fixture.user("alice")
            let project = Fixture.id()
            harness.projects.set(.member, for: alice.id, in: project)
            try await harness.createTask(["project_id": .string(project), "title": "Existing"], as: alice)

            let ids = try await harness.service.createTasks(
                [TaskDraft(title: "Plan"), TaskDraft(title: "Build", priority: "high", dueDate: "2026-07-01")],
                in: project,
                reporterID: alice.id
            )
            #expect(ids.count == 2)
            let second = try await harness.call("GET", "/api/v1/tasks/\(ids[1])", as: alice)
            #expect(second.data["number"]?.integer == 3)
            #expect(second.data["priority"]?.text == "high")
            #expect(second.data["due_date"]?.text == "2026-07-01")

            let created = try await harness.outboxEvents("task.created")
            #expect(created.map { $0["number"]?.integer } == [1, 2, 3])
            #expect(created.last?["title"]?.text == "Build")
            #expect(created.last?["project_id"]?.text == project)

            await #expect(throws: HTTPError.self) {
                try await harness.service.createTasks(
                    [TaskDraft(title: "", priority: "huge")],
                    in: project,
                    reporterID: alice.id
                )
            }
        }
    }

    @Test(arguments: Backend.available)
    func projectDeletionRemovesItsTasksOnce(_ backend: Backend) async throws {
        try await TaskHarness.with(backend) { harness in
            let alice = Fixture.user("alice")
            let doomed = Fixture.id()
            let kept = Fixture.id()
            harness.projects.set(.member, for: alice.id, in: doomed)
            harness.projects.set(.member, for: alice.id, in: kept)
            let parent = try await harness.createTask(
                ["project_id": .string(doomed), "title": "Parent", "labels": ["x"]],
                as: alice
            )
            try await harness.createTask(
                ["project_id": .string(doomed), "title": "Child", "parent_id": parent["id"] ?? .null],
                as: alice
            )
            let survivor = try #require(
                try await harness.createTask(["project_id": .string(kept), "title": "Kept"], as: alice)["id"]?.text
            )
            _ = try await harness.call(
                "POST",
                "/api/v1/tasks/\(survivor)/dependencies",
                body: ["depends_on_id": parent["id"] ?? .null],
                as: alice
            )

            let event = Event(
                type: "project.deleted",
                producer: "projects",
                actorID: alice.id,
                data: ["project_id": .string(doomed)]
            )
            try await harness.bus.publish(event)
            try await harness.bus.publish(event)

            let counts = try await harness.database.read { connection in
                (
                    try connection.queryFirst("SELECT COUNT(*) AS n FROM tasks")?.decode("n", as: Int.self),
                    try connection.queryFirst("SELECT COUNT(*) AS n FROM task_labels")?.decode("n", as: Int.self),
                    try connection.queryFirst("SELECT COUNT(*) AS n FROM task_dependencies")?.decode("n", as: Int.self),
                    try connection.queryFirst("SELECT COUNT(*) AS n FROM project_task_counters WHERE deleted = 0")?
                        .decode("n", as: Int.self)
                )
            }
            #expect(counts.0 == 1)
            #expect(counts.1 == 0)
            #expect(counts.2 == 0)
            // The deleted project's counter stays, marked, so that a racing insert fails on it.
            #expect(counts.3 == 1)

            let malformed = Event(type: "project.deleted", producer: "projects", actorID: nil, data: ["project_id": 5])
            try await harness.bus.publish(malformed)
        }
    }
}
