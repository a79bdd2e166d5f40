import Foundation
import HTTPServer
import Platform
import Synchronization
import Testing

@testable import ProjectService

@Suite struct TemplateEndpointTests {
    static let launchTemplate: JSONValue = [
        "name": "Launch",
        "description": "A product launch",
        "milestones": [["name": "Beta", "day_offset": 10], ["name": "Release", "day_offset": 30]],
        "tasks": [
            ["title": "Write plan", "day_offset": 0],
            ["title": "Ship beta", "priority": "high", "day_offset": 10, "milestone": "Beta"],
            ["title": "Announce", "priority": "urgent", "day_offset": 31, "milestone": 1],
        ],
    ]

    @Test(arguments: Backend.available)
    func templatesBelongToTheirCreator(_ backend: Backend) async throws {
        try await Harness.with(backend) { harness in
            let alice = harness.user()
            let bob = harness.user()
            let admin = harness.user(admin: true)
            let created = try await harness.call(
                "POST",
                "/api/v1/project-templates",
                as: alice,
                body: Self.launchTemplate
            )
            #expect(created.status == 201, "\(created)")
            let tasks = try #require(created.data["tasks"])
            #expect(
                tasks == [
                    [
                        "title": "Write plan", "description": nil, "priority": "medium", "day_offset": 0,
                        "milestone": nil,
                    ],
                    ["title": "Ship beta", "description": nil, "priority": "high", "day_offset": 10, "milestone": 0],
                    ["title": "Announce", "description": nil, "priority": "urgent", "day_offset": 31, "milestone": 1],
                ]
            )
            let id = try #require(created.data["id"].text)

            #expect(try await harness.call("GET", "/api/v1/project-templates/\(id)", as: alice).data == created.data)
            #expect(
                try await harness.call("GET", "/api/v1/project-templates/\(id)", as: bob).errorCode
                    == "TEMPLATE_NOT_FOUND"
            )
            #expect(try await harness.call("GET", "/api/v1/project-templates/\(id)", as: admin).status == 200)
            #expect(try await harness.call("GET", "/api/v1/project-templates", as: bob).items.isEmpty)
            #expect(try await harness.call("GET", "/api/v1/project-templates?search=laun", as: alice).items.count == 1)
            #expect(try await harness.call("GET", "/api/v1/project-templates", as: admin).items.count == 1)
            #expect(
                try await harness.call(
                    "POST",
                    "/api/v1/project-templates/\(id)/instantiate",
                    as: bob,
                    body: ["name": "X"]
                ).status == 404
            )
            #expect(try await harness.call("DELETE", "/api/v1/project-templates/\(id)", as: bob).status == 404)
            #expect(try await harness.call("DELETE", "/api/v1/project-templates/\(id)", as: alice).status == 204)
        }
    }

    @Test(arguments: Backend.available)
    func createRejectsInvalidItems(_ backend: Backend) async throws {
        try await Harness.with(backend) { harness in
            let alice = harness.user()
            let reply = try await harness.call(
                "POST",
                "/api/v1/project-templates",
                as: alice,
                body: [
                    "name": "Broken",
                    "milestones": [["name": "Beta", "day_offset": -1], ["name": "Beta", "day_offset": 2], "text"],
                    "tasks": [
                        ["title": "No offset"], ["title": "Bad ref", "day_offset": 1, "milestone": "Gamma"],
                        ["title": "Far ref", "day_offset": 1, "milestone": 7],
                        ["title": "P", "day_offset": 1, "priority": "asap"],
                        ["title": "Type", "day_offset": "1"],
                    ],
                ]
            )
            #expect(reply.status == 400)
            for field in [
                "milestones[0].day_offset", "milestones[2]", "tasks[0].day_offset", "tasks[1].milestone",
                "tasks[2].milestone", "tasks[3].priority", "tasks[4].day_offset",
            ] {
                #expect(reply.details(field).count == 1, "\(field): \(reply)")
            }

            let duplicate = try await harness.call(
                "POST",
                "/api/v1/project-templates",
                as: alice,
                body: [
                    "name": "Dup",
                    "milestones": [["name": "Beta", "day_offset": 1], ["name": "Beta", "day_offset": 2]],
                ]
            )
            #expect(duplicate.details("milestones[1].name").count == 1)
            let notArray = try await harness.call(
                "POST",
                "/api/v1/project-templates",
                as: alice,
                body: ["name": "N", "tasks": "many"]
            )
            #expect(notArray.details("tasks").count == 1)
        }
    }

    @Test(arguments: Backend.available)
    func instantiateCreatesProjectMilestonesAndTasks(_ backend: Backend) async throws {
        try await Harness.with(backend) { harness in
            let alice = harness.user()
            let template = try await harness.call(
                "POST",
                "/api/v1/project-templates",
                as: alice,
                body: Self.launchTemplate
            )
            let templateID = try #require(template.data["id"].text)

            let reply = try await harness.call(
                "POST",
                "/api/v1/project-templates/\(templateID)/instantiate",
                as: alice,
                body: ["name": "Spring launch", "key": "SPR", "start_date": "2026-01-30"]
            )
            #expect(reply.status == 201, "\(reply)")
            #expect(reply.data["key"].text == "SPR")
            #expect(reply.data["role"].text == "owner")
            #expect(reply.data["start_date"].text == "2026-01-30")
            let projectID = try #require(reply.data["id"].text)

            let milestones = try await harness.call("GET", "/api/v1/projects/\(projectID)/milestones", as: alice)
            #expect(milestones.items.compactMap { $0["due_date"].text } == ["2026-02-09", "2026-03-01"])
            let milestoneIDs = milestones.items.compactMap { $0["id"].text }

            let call = try #require(harness.taskClient.calls.withLock { $0.first })
            #expect(call.projectID == projectID)
            #expect(call.reporterID == alice.id)
            #expect(call.drafts.map(\.title) == ["Write plan", "Ship beta", "Announce"])
            #expect(call.drafts.map(\.dueDate) == ["2026-01-30", "2026-02-09", "2026-03-02"])
            #expect(call.drafts.map(\.priority) == ["medium", "high", "urgent"])
            #expect(call.drafts.map(\.milestoneID) == [nil, milestoneIDs[0], milestoneIDs[1]])
        }
    }

    @Test(arguments: Backend.available)
    func instantiateWithoutTasksServiceLeavesNoProject(_ backend: Backend) async throws {
        try await Harness.with(backend) { harness in
            let alice = harness.user()
            let template = try await harness.call(
                "POST",
                "/api/v1/project-templates",
                as: alice,
                body: Self.launchTemplate
            )
            let path = "/api/v1/project-templates/\(try #require(template.data["id"].text))/instantiate"

            harness.tasksAvailable.value = false
            let unavailable = try await harness.call("POST", path, as: alice, body: ["name": "Launch"])
            #expect(unavailable.status == 503)
            #expect(unavailable.errorCode == "SERVICE_UNAVAILABLE")

            harness.tasksAvailable.value = true
            harness.taskClient.failing.withLock { $0 = true }
            let failed = try await harness.call("POST", path, as: alice, body: ["name": "Launch"])
            #expect(failed.status == 503)
            #expect(try await harness.call("GET", "/api/v1/projects", as: alice).items.isEmpty)
            #expect(harness.events.of("project.deleted").count == 1)

            harness.tasksAvailable.value = false
            let empty = try await harness.call("POST", "/api/v1/project-templates", as: alice, body: ["name": "Empty"])
            let emptyPath = "/api/v1/project-templates/\(try #require(empty.data["id"].text))/instantiate"
            let created = try await harness.call("POST", emptyPath, as: alice, body: ["name": "Bare"])
            #expect(created.status == 201, "\(created)")
            #expect(created.data["start_date"].text == CalendarDate.today().description)
        }
    }
}
