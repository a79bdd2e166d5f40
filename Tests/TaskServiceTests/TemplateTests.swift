import HTTPServer
import Platform
import Testing

@testable import TaskService

@Suite struct TemplateTests {
    @Test(arguments: Backend.available)
    func templatesBelongToTheirCreator(_ backend: Backend) async throws {
        try await TaskHarness.with(backend) { harness in
            let alice = Fixture.user("alice")
            let bob = Fixture.user("bob")
            let admin = Fixture.user("root", admin: true)
            let project = Fixture.id()
            harness.projects.set(.member, for: alice.id, in: project)
            harness.projects.set(.member, for: bob.id, in: project)

            let created = try await harness.call(
                "POST",
                "/api/v1/task-templates",
                body: [
                    "name": "Release", "title": "Cut the release", "description": "Steps:", "priority": "high",
                    "estimate_minutes": 30, "checklist": ["Tag", "Publish", "Tag"],
                ],
                as: alice
            )
            #expect(created.status == 201)
            #expect(created.data["checklist"] == ["Tag", "Publish"])
            let id = try #require(created.data["id"]?.text)

            #expect(try await harness.call("GET", "/api/v1/task-templates", as: alice).data.items.count == 1)
            #expect(try await harness.call("GET", "/api/v1/task-templates", as: bob).data.items.isEmpty)
            #expect(try await harness.call("GET", "/api/v1/task-templates", as: admin).data.items.count == 1)

            let instantiated = try await harness.call(
                "POST",
                "/api/v1/task-templates/\(id)/instantiate",
                body: ["project_id": .string(project), "overrides": ["priority": "low", "labels": ["release"]]],
                as: alice
            )
            #expect(instantiated.status == 201)
            #expect(instantiated.data["title"]?.text == "Cut the release")
            #expect(instantiated.data["priority"]?.text == "low")
            #expect(instantiated.data["estimate_minutes"]?.integer == 30)
            #expect(instantiated.data["description"]?.text == "Steps:\n\n- [ ] Tag\n- [ ] Publish")
            #expect(instantiated.data["labels"] == ["release"])
            #expect(instantiated.data["number"]?.integer == 1)

            let flat = try await harness.call(
                "POST",
                "/api/v1/task-templates/\(id)/instantiate",
                body: ["project_id": .string(project), "title": "Cut 2.0"],
                as: alice
            )
            #expect(flat.data["title"]?.text == "Cut 2.0")
            #expect(flat.data["number"]?.integer == 2)

            let foreign = try await harness.call(
                "POST",
                "/api/v1/task-templates/\(id)/instantiate",
                body: ["project_id": .string(project)],
                as: bob
            )
            #expect(foreign.status == 404)

            let invalid = try await harness.call(
                "POST",
                "/api/v1/task-templates",
                body: ["name": "", "checklist": "x"],
                as: alice
            )
            #expect(invalid.status == 400)
            for field in ["name", "title", "checklist"] {
                #expect(!invalid.details(field).isEmpty, "no message for \(field)")
            }
        }
    }

    @Test(arguments: Backend.available)
    func templateListPages(_ backend: Backend) async throws {
        try await TaskHarness.with(backend) { harness in
            let alice = Fixture.user("alice")
            for index in 0..<5 {
                _ = try await harness.call(
                    "POST",
                    "/api/v1/task-templates",
                    body: ["name": .string("N\(index)"), "title": "T"],
                    as: alice
                )
                try await Task.sleep(for: .milliseconds(2))
            }
            var names: [String] = []
            var cursor: String?
            repeat {
                let query = "limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await harness.call("GET", "/api/v1/task-templates", query: query, as: alice)
                names += page.data.items.compactMap { $0["name"]?.text }
                cursor = page.json["meta"]?["next_cursor"]?.text
            } while cursor != nil
            #expect(names == ["N4", "N3", "N2", "N1", "N0"])
        }
    }
}
