import HTTPServer
import Platform
import Testing

@testable import TaskService

@Suite struct DependencyTests {
    @Test(arguments: Backend.available)
    func dependenciesBlockCompletion(_ backend: Backend) async throws {
        try await TaskHarness.with(backend) { harness in
            let alice = Fixture.user("alice")
            let project = Fixture.id()
            harness.projects.set(.member, for: alice.id, in: project)
            let blocked = try #require(
                try await harness.createTask(["project_id": .string(project), "title": "Blocked"], as: alice)["id"]?
                    .text
            )
            let first = try #require(
                try await harness.createTask(["project_id": .string(project), "title": "First"], as: alice)["id"]?.text
            )
            let second = try #require(
                try await harness.createTask(["project_id": .string(project), "title": "Second"], as: alice)["id"]?.text
            )
            let path = "/api/v1/tasks/\(blocked)/dependencies"

            #expect(
                try await harness.call("POST", path, body: ["depends_on_id": .string(first)], as: alice).status == 201
            )
            #expect(
                try await harness.call("POST", path, body: ["depends_on_id": .string(second)], as: alice).status == 201
            )

            let listed = try await harness.call("GET", path, as: alice)
            #expect(listed.data["blocked_by"]?.items.compactMap { $0["title"]?.text } == ["First", "Second"])
            let reverse = try await harness.call("GET", "/api/v1/tasks/\(first)/dependencies", as: alice)
            #expect(reverse.data["blocks"]?.items.compactMap { $0["id"]?.text } == [blocked])

            let refused = try await harness.call(
                "POST",
                "/api/v1/tasks/\(blocked)/status",
                body: ["status": "done"],
                as: alice
            )
            #expect(refused.status == 409)
            #expect(refused.errorCode == "TASK_BLOCKED")
            let viaPatch = try await harness.call(
                "PATCH",
                "/api/v1/tasks/\(blocked)",
                body: ["status": "done"],
                as: alice
            )
            #expect(viaPatch.errorCode == "TASK_BLOCKED")

            _ = try await harness.call("POST", "/api/v1/tasks/\(first)/status", body: ["status": "done"], as: alice)
            _ = try await harness.call(
                "POST",
                "/api/v1/tasks/\(second)/status",
                body: ["status": "cancelled"],
                as: alice
            )
            let allowed = try await harness.call(
                "POST",
                "/api/v1/tasks/\(blocked)/status",
                body: ["status": "done"],
                as: alice
            )
            #expect(allowed.status == 200)
            #expect(allowed.data["completed_at"]?.text != nil)
        }
    }

    @Test(arguments: Backend.available)
    func cyclesAndDuplicatesAreRejected(_ backend: Backend) async throws {
        try await TaskHarness.with(backend) { harness in
            let alice = Fixture.user("alice")
            let project = Fixture.id()
            harness.projects.set(.member, for: alice.id, in: project)
            var ids: [String] = []
            for index in 0..<4 {
                let task = try await harness.createTask(
                    ["project_id": .string(project), "title": .string("T\(index)")],
                    as: alice
                )
                ids.append(try #require(task["id"]?.text))
            }
            func add(_ task: Int, dependsOn other: Int) async throws -> TestResponse {
                try await harness.call(
                    "POST",
                    "/api/v1/tasks/\(ids[task])/dependencies",
                    body: ["depends_on_id": .string(ids[other])],
                    as: alice
                )
            }

            #expect(try await add(0, dependsOn: 0).errorCode == "DEPENDENCY_CYCLE")
            #expect(try await add(0, dependsOn: 1).status == 201)
            #expect(try await add(1, dependsOn: 2).status == 201)
            #expect(try await add(2, dependsOn: 3).status == 201)
            let cycle = try await add(3, dependsOn: 0)
            #expect(cycle.status == 409)
            #expect(cycle.errorCode == "DEPENDENCY_CYCLE")
            let duplicate = try await add(0, dependsOn: 1)
            #expect(duplicate.status == 400)
            #expect(!duplicate.details("depends_on_id").isEmpty)
            #expect(try await add(0, dependsOn: 3).status == 201)

            let missing = try await harness.call(
                "POST",
                "/api/v1/tasks/\(ids[0])/dependencies",
                body: ["depends_on_id": .string(Fixture.id())],
                as: alice
            )
            #expect(missing.details("depends_on_id") == ["Task not found"])

            let removed = try await harness.call("DELETE", "/api/v1/tasks/\(ids[2])/dependencies/\(ids[3])", as: alice)
            #expect(removed.status == 204)
            let again = try await harness.call("DELETE", "/api/v1/tasks/\(ids[2])/dependencies/\(ids[3])", as: alice)
            #expect(again.status == 404)
            #expect(try await add(3, dependsOn: 1).status == 201)
            #expect(try await add(3, dependsOn: 0).errorCode == "DEPENDENCY_CYCLE")
        }
    }

    @Test(arguments: Backend.available)
    func crossProjectDependenciesNeedBothProjects(_ backend: Backend) async throws {
        try await TaskHarness.with(backend) { harness in
            let alice = Fixture.user("alice")
            let bob = Fixture.user("bob")
            let mine = Fixture.id()
            let theirs = Fixture.id()
            harness.projects.set(.member, for: alice.id, in: mine)
            harness.projects.set(.member, for: bob.id, in: mine)
            harness.projects.set(.member, for: bob.id, in: theirs)
            let task = try #require(
                try await harness.createTask(["project_id": .string(mine), "title": "Mine"], as: alice)["id"]?.text
            )
            let foreign = try #require(
                try await harness.createTask(["project_id": .string(theirs), "title": "Theirs"], as: bob)["id"]?.text
            )

            let hidden = try await harness.call(
                "POST",
                "/api/v1/tasks/\(task)/dependencies",
                body: ["depends_on_id": .string(foreign)],
                as: alice
            )
            #expect(hidden.details("depends_on_id") == ["Task not found"])

            let allowed = try await harness.call(
                "POST",
                "/api/v1/tasks/\(task)/dependencies",
                body: ["depends_on_id": .string(foreign)],
                as: bob
            )
            #expect(allowed.status == 201)
            let asAlice = try await harness.call("GET", "/api/v1/tasks/\(task)/dependencies", as: alice)
            #expect(asAlice.data["blocked_by"]?.items.isEmpty == true)
            let asBob = try await harness.call("GET", "/api/v1/tasks/\(task)/dependencies", as: bob)
            #expect(asBob.data["blocked_by"]?.items.count == 1)
        }
    }
}
