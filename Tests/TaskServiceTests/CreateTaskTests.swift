import HTTPServer
import Platform
import Testing

@testable import TaskService

@Suite struct CreateTaskTests {
    @Test(arguments: Backend.available)
    func createNumbersTasksPerProject(_ backend: Backend) async throws {
        try await TaskHarness.with(backend) { harness in
            let alice = Fixture.user("alice")
            let first = Fixture.id()
            let second = Fixture.id()
            harness.projects.set(.member, for: alice.id, in: first)
            harness.projects.set(.member, for: alice.id, in: second)

            let one = try await harness.createTask(["project_id": .string(first), "title": "One"], as: alice)
            let two = try await harness.createTask(["project_id": .string(first), "title": "Two"], as: alice)
            let other = try await harness.createTask(["project_id": .string(second), "title": "Other"], as: alice)

            #expect(one["number"]?.integer == 1)
            #expect(two["number"]?.integer == 2)
            #expect(other["number"]?.integer == 1)
            #expect(one["reporter_id"]?.text == alice.id)
            #expect(one["status"]?.text == "todo")
            #expect(one["priority"]?.text == "medium")
            #expect(one["position"]?.integer == 1)
            #expect(one["completed_at"] == .null)
            #expect(one["assignee"] == .null)
        }
    }

    @Test(arguments: Backend.available)
    func concurrentCreationKeepsNumbersGapFree(_ backend: Backend) async throws {
        try await TaskHarness.with(backend) { harness in
            let alice = Fixture.user("alice")
            let project = Fixture.id()
            harness.projects.set(.member, for: alice.id, in: project)

            let numbers = try await withThrowingTaskGroup(of: Int64?.self) { group in
                for index in 0..<24 {
                    group.addTask {
                        let task = try await harness.createTask(
                            ["project_id": .string(project), "title": .string("Task \(index)")],
                            as: alice
                        )
                        return task["number"]?.integer
                    }
                }
                var numbers: [Int64] = []
                for try await number in group {
                    numbers.append(try #require(number))
                }
                return numbers
            }
            #expect(numbers.sorted() == Array(1...24))
        }
    }

    @Test(arguments: Backend.available)
    func createStoresEveryField(_ backend: Backend) async throws {
        try await TaskHarness.with(backend) { harness in
            let alice = Fixture.user("alice")
            let bob = Fixture.user("bob")
            let project = Fixture.id()
            let milestone = Fixture.id()
            harness.projects.addMilestone(milestone, in: project)
            harness.projects.set(.member, for: alice.id, in: project)
            harness.projects.set(.viewer, for: bob.id, in: project)
            harness.users.add(bob.id, username: "bob")

            let task = try await harness.createTask(
                [
                    "project_id": .string(project), "title": "  Write the report  ", "description": "Long text",
                    "status": "done", "priority": "urgent", "assignee_id": .string(bob.id),
                    "milestone_id": .string(milestone), "due_date": "2026-12-31", "start_date": "2026-12-01",
                    "estimate_minutes": 90, "labels": ["ops", " ops", "Docs"], "position": 7,
                    "id": "ignored", "reporter_id": .string(bob.id), "number": 99,
                ],
                as: alice
            )
            #expect(task["title"]?.text == "Write the report")
            #expect(task["status"]?.text == "done")
            #expect(task["completed_at"]?.text != nil)
            #expect(task["priority"]?.text == "urgent")
            #expect(task["assignee_id"]?.text == bob.id)
            #expect(task["assignee"]?["username"]?.text == "bob")
            #expect(task["milestone_id"]?.text == milestone)
            #expect(task["due_date"]?.text == "2026-12-31")
            #expect(task["start_date"]?.text == "2026-12-01")
            #expect(task["estimate_minutes"]?.integer == 90)
            #expect(task["labels"] == ["ops", "Docs"])
            #expect(task["position"]?.integer == 7)
            #expect(task["reporter_id"]?.text == alice.id)
            #expect(task["number"]?.integer == 1)
            #expect(task["id"]?.text != "ignored")
        }
    }

    @Test(arguments: Backend.available)
    func createRejectsInvalidFields(_ backend: Backend) async throws {
        try await TaskHarness.with(backend) { harness in
            let alice = Fixture.user("alice")
            let project = Fixture.id()
            harness.projects.set(.member, for: alice.id, in: project)

            let response = try await harness.call(
                "POST",
                "/api/v1/tasks",
                body: [
                    "project_id": .string(project), "title": "", "status": "open", "priority": 3,
                    "due_date": "2026-02-30", "estimate_minutes": 2_000_000, "labels": [1],
                    "parent_id": "not-a-uuid",
                ],
                as: alice
            )
            #expect(response.status == 400)
            #expect(response.errorCode == "VALIDATION_ERROR")
            for field in ["title", "status", "priority", "due_date", "estimate_minutes", "labels", "parent_id"] {
                #expect(!response.details(field).isEmpty, "no message for \(field)")
            }

            let tooManyLabels = try await harness.call(
                "POST",
                "/api/v1/tasks",
                body: [
                    "project_id": .string(project), "title": "x",
                    "labels": .array((0..<21).map { .string("label \($0)") }),
                ],
                as: alice
            )
            #expect(tooManyLabels.details("labels").count == 1)

            let startAfterDue = try await harness.call(
                "POST",
                "/api/v1/tasks",
                body: [
                    "project_id": .string(project), "title": "x", "start_date": "2026-05-02", "due_date": "2026-05-01",
                ],
                as: alice
            )
            #expect(startAfterDue.details("start_date").count == 1)

            let notObject = try await harness.call("POST", "/api/v1/tasks", body: ["a", "b"], as: alice)
            #expect(notObject.status == 400)
        }
    }

    @Test(arguments: Backend.available)
    func createHidesInvisibleProjects(_ backend: Backend) async throws {
        try await TaskHarness.with(backend) { harness in
            let alice = Fixture.user("alice")
            let bob = Fixture.user("bob")
            let hidden = Fixture.id()
            harness.projects.set(.owner, for: bob.id, in: hidden)

            let invisible = try await harness.call(
                "POST",
                "/api/v1/tasks",
                body: ["project_id": .string(hidden), "title": "x"],
                as: alice
            )
            let missing = try await harness.call(
                "POST",
                "/api/v1/tasks",
                body: ["project_id": .string(Fixture.id()), "title": "x"],
                as: alice
            )
            #expect(invisible.status == 400)
            #expect(invisible.json == missing.json)
            #expect(invisible.details("project_id") == ["Project not found"])
        }
    }

    @Test(arguments: Backend.available)
    func createChecksRoleAssigneeAndParent(_ backend: Backend) async throws {
        try await TaskHarness.with(backend) { harness in
            let alice = Fixture.user("alice")
            let viewer = Fixture.user("viewer")
            let project = Fixture.id()
            let other = Fixture.id()
            harness.projects.set(.member, for: alice.id, in: project)
            harness.projects.set(.member, for: alice.id, in: other)
            harness.projects.set(.viewer, for: viewer.id, in: project)

            let forbidden = try await harness.call(
                "POST",
                "/api/v1/tasks",
                body: ["project_id": .string(project), "title": "x"],
                as: viewer
            )
            #expect(forbidden.status == 403)
            #expect(forbidden.errorCode == "AUTHORIZATION_FAILED")

            let stranger = try await harness.call(
                "POST",
                "/api/v1/tasks",
                body: ["project_id": .string(project), "title": "x", "assignee_id": .string(Fixture.id())],
                as: alice
            )
            #expect(stranger.details("assignee_id") == ["User is not a member of this project"])

            let foreign = try await harness.createTask(["project_id": .string(other), "title": "Elsewhere"], as: alice)
            let crossParent = try await harness.call(
                "POST",
                "/api/v1/tasks",
                body: ["project_id": .string(project), "title": "x", "parent_id": foreign["id"] ?? .null],
                as: alice
            )
            #expect(crossParent.details("parent_id") == ["Task not found in this project"])

            let parent = try await harness.createTask(["project_id": .string(project), "title": "Parent"], as: alice)
            let child = try await harness.createTask(
                ["project_id": .string(project), "title": "Child", "parent_id": parent["id"] ?? .null],
                as: alice
            )
            #expect(child["parent_id"] == parent["id"])
        }
    }
}
