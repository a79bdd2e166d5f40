import HTTPServer
import Platform
import Testing

@testable import TaskService

@Suite struct UpdateTaskTests {
    @Test(arguments: Backend.available)
    func getHidesTasksOfOtherProjects(_ backend: Backend) async throws {
        try await TaskHarness.with(backend) { harness in
            let alice = Fixture.user("alice")
            let project = Fixture.id()
            harness.projects.set(.member, for: alice.id, in: project)
            let task = try await harness.createTask(["project_id": .string(project), "title": "Mine"], as: alice)
            let id = try #require(task["id"]?.text)

            let own = try await harness.call("GET", "/api/v1/tasks/\(id)", as: alice)
            #expect(own.status == 200)
            #expect(own.data["title"]?.text == "Mine")

            let stranger = try await harness.call("GET", "/api/v1/tasks/\(id)", as: Fixture.user("eve"))
            let missing = try await harness.call("GET", "/api/v1/tasks/\(Fixture.id())", as: alice)
            let malformed = try await harness.call("GET", "/api/v1/tasks/not-a-uuid", as: alice)
            for response in [stranger, missing, malformed] {
                #expect(response.status == 404)
                #expect(response.errorCode == "TASK_NOT_FOUND")
            }
            #expect(stranger.json == missing.json)

            let admin = try await harness.call("GET", "/api/v1/tasks/\(id)", as: Fixture.user("root", admin: true))
            #expect(admin.status == 200)

            let put = try await harness.call("PUT", "/api/v1/tasks/\(id)", body: ["title": "x"], as: alice)
            #expect(put.status == 405)
        }
    }

    @Test(arguments: Backend.available)
    func getWithSlowUsersService(_ backend: Backend) async throws {
        try await TaskHarness.with(backend) { harness in
            let alice = Fixture.user("alice")
            let project = Fixture.id()
            harness.projects.set(.member, for: alice.id, in: project)
            harness.users.add(alice.id, username: "alice")
            let task = try await harness.createTask(
                ["project_id": .string(project), "title": "Slow", "assignee_id": .string(alice.id)],
                as: alice
            )
            let id = try #require(task["id"]?.text)

            harness.users.setDelay(.seconds(2))
            let started = ContinuousClock.now
            let slow = try await harness.call("GET", "/api/v1/tasks/\(id)", as: alice)
            let elapsed = ContinuousClock.now - started
            #expect(slow.status == 200)
            #expect(slow.data["assignee"] == .null)
            #expect(slow.data["assignee_id"]?.text == alice.id)
            #expect(elapsed < .seconds(1), "the answer took \(elapsed)")

            harness.users.setDelay(nil)
            harness.users.setFailure(CancellationError())
            let failing = try await harness.call("GET", "/api/v1/tasks/\(id)", as: alice)
            #expect(failing.status == 200)
            #expect(failing.data["assignee"] == .null)

            harness.users.setFailure(nil)
            let healthy = try await harness.call("GET", "/api/v1/tasks/\(id)", as: alice)
            #expect(healthy.data["assignee"]?["username"]?.text == "alice")
        }
    }

    @Test(arguments: Backend.available)
    func patchUpdatesFieldsAndCompletion(_ backend: Backend) async throws {
        try await TaskHarness.with(backend) { harness in
            let alice = Fixture.user("alice")
            let viewer = Fixture.user("viewer")
            let project = Fixture.id()
            harness.projects.set(.member, for: alice.id, in: project)
            harness.projects.set(.viewer, for: viewer.id, in: project)
            let task = try await harness.createTask(
                ["project_id": .string(project), "title": "Draft", "labels": ["a"], "due_date": "2026-01-01"],
                as: alice
            )
            let id = try #require(task["id"]?.text)
            let path = "/api/v1/tasks/\(id)"

            let done = try await harness.call(
                "PATCH",
                path,
                body: ["status": "done", "labels": ["b", "c"], "due_date": nil, "project_id": .string(Fixture.id())],
                as: alice
            )
            #expect(done.status == 200)
            #expect(done.data["status"]?.text == "done")
            #expect(done.data["completed_at"]?.text != nil)
            #expect(done.data["labels"] == ["b", "c"])
            #expect(done.data["due_date"] == .null)
            #expect(done.data["project_id"]?.text == project)

            let labelled = try await harness.call(
                "GET",
                "/api/v1/tasks",
                query: "project_id=\(project)&label=c",
                as: alice
            )
            #expect(labelled.data.items.count == 1)
            let unlabelled = try await harness.call(
                "GET",
                "/api/v1/tasks",
                query: "project_id=\(project)&label=a",
                as: alice
            )
            #expect(unlabelled.data.items.isEmpty)

            let reopened = try await harness.call("PATCH", path, body: ["status": "in_review"], as: alice)
            #expect(reopened.data["completed_at"] == .null)

            let unchanged = try await harness.call("PATCH", path, body: ["status": "in_review"], as: alice)
            #expect(unchanged.data["updated_at"] == reopened.data["updated_at"])

            let invalid = try await harness.call("PATCH", path, body: ["title": nil, "priority": "none"], as: alice)
            #expect(invalid.status == 400)
            #expect(!invalid.details("title").isEmpty)
            #expect(!invalid.details("priority").isEmpty)

            let forbidden = try await harness.call("PATCH", path, body: ["title": "Viewer edit"], as: viewer)
            #expect(forbidden.status == 403)

            let events = try await harness.outboxEvents("task.updated")
            #expect(events.count == 2)
            #expect(events.first?["changed"] == ["status", "due_date", "labels", "completed_at"])
            let statusEvents = try await harness.outboxEvents("task.status_changed")
            #expect(statusEvents.map { $0["to"] } == ["done", "in_review"])
            #expect(statusEvents.first?["from"] == "todo")
        }
    }

    @Test(arguments: Backend.available)
    func parentCannotCloseALoop(_ backend: Backend) async throws {
        try await TaskHarness.with(backend) { harness in
            let alice = Fixture.user("alice")
            let project = Fixture.id()
            harness.projects.set(.member, for: alice.id, in: project)
            let top = try await harness.createTask(["project_id": .string(project), "title": "Top"], as: alice)
            let middle = try await harness.createTask(
                ["project_id": .string(project), "title": "Middle", "parent_id": top["id"] ?? .null],
                as: alice
            )
            let bottom = try await harness.createTask(
                ["project_id": .string(project), "title": "Bottom", "parent_id": middle["id"] ?? .null],
                as: alice
            )
            let topID = try #require(top["id"]?.text)

            let loop = try await harness.call(
                "PATCH",
                "/api/v1/tasks/\(topID)",
                body: ["parent_id": bottom["id"] ?? .null],
                as: alice
            )
            #expect(loop.status == 400)
            #expect(!loop.details("parent_id").isEmpty)
            let own = try await harness.call(
                "PATCH",
                "/api/v1/tasks/\(topID)",
                body: ["parent_id": top["id"] ?? .null],
                as: alice
            )
            #expect(own.status == 400)

            let deleted = try await harness.call(
                "DELETE",
                "/api/v1/tasks/\(try #require(middle["id"]?.text))",
                as: alice
            )
            #expect(deleted.status == 204)
            let orphan = try await harness.call("GET", "/api/v1/tasks/\(try #require(bottom["id"]?.text))", as: alice)
            #expect(orphan.data["parent_id"] == .null)
            #expect(try await harness.outboxEvents("task.deleted").count == 1)
        }
    }

    @Test(arguments: Backend.available)
    func assignAndStatusEndpoints(_ backend: Backend) async throws {
        try await TaskHarness.with(backend) { harness in
            let alice = Fixture.user("alice")
            let bob = Fixture.user("bob")
            let project = Fixture.id()
            harness.projects.set(.member, for: alice.id, in: project)
            harness.projects.set(.member, for: bob.id, in: project)
            let task = try await harness.createTask(["project_id": .string(project), "title": "Work"], as: alice)
            let id = try #require(task["id"]?.text)

            let assigned = try await harness.call(
                "POST",
                "/api/v1/tasks/\(id)/assign",
                body: ["assignee_id": .string(bob.id)],
                as: alice
            )
            #expect(assigned.data["assignee_id"]?.text == bob.id)
            let outsider = try await harness.call(
                "POST",
                "/api/v1/tasks/\(id)/assign",
                body: ["assignee_id": .string(Fixture.id())],
                as: alice
            )
            #expect(outsider.details("assignee_id") == ["User is not a member of this project"])
            let missing = try await harness.call("POST", "/api/v1/tasks/\(id)/assign", body: [:], as: alice)
            #expect(!missing.details("assignee_id").isEmpty)
            let unassigned = try await harness.call(
                "POST",
                "/api/v1/tasks/\(id)/assign",
                body: ["assignee_id": nil],
                as: alice
            )
            #expect(unassigned.data["assignee_id"] == .null)

            let assignEvents = try await harness.outboxEvents("task.assigned")
            #expect(assignEvents.count == 2)
            #expect(assignEvents.first?["assignee_id"]?.text == bob.id)
            #expect(assignEvents.first?["previous_assignee_id"] == .null)
            #expect(assignEvents.last?["previous_assignee_id"]?.text == bob.id)
            #expect(assignEvents.last?["number"]?.integer == 1)

            let started = try await harness.call(
                "POST",
                "/api/v1/tasks/\(id)/status",
                body: ["status": "in_progress"],
                as: alice
            )
            #expect(started.data["status"]?.text == "in_progress")
            let badStatus = try await harness.call(
                "POST",
                "/api/v1/tasks/\(id)/status",
                body: ["status": "closed"],
                as: alice
            )
            #expect(!badStatus.details("status").isEmpty)
            let noStatus = try await harness.call("POST", "/api/v1/tasks/\(id)/status", body: [:], as: alice)
            #expect(!noStatus.details("status").isEmpty)
            let changed = try await harness.outboxEvents("task.status_changed")
            #expect(changed.last?["from"] == "todo")
            #expect(changed.last?["to"] == "in_progress")
            #expect(changed.last?["reporter_id"]?.text == alice.id)
        }
    }
}
