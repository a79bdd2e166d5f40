import Foundation
import HTTPServer
import Platform
import Testing

@testable import TaskService

@Suite struct ImportTaskTests {
    private static let created = Date(timeIntervalSince1970: 1_396_000_000)
    private static let closed = Date(timeIntervalSince1970: 1_402_000_000)

    private static func imports(reporterID: String, milestoneID: String) -> [TaskImport] {
        [
            TaskImport(
                sourceRef: "github:o/r#3",
                title: "  Closed issue  ",
                description: "Body",
                status: "done",
                labels: ["bug", "bug", "ui"],
                reporterID: reporterID,
                milestoneID: milestoneID,
                createdAt: Self.created,
                updatedAt: Self.closed,
                completedAt: Self.closed
            ),
            TaskImport(sourceRef: "github:o/r#7", title: "Open issue", reporterID: reporterID, createdAt: Self.created),
        ]
    }

    @Test(arguments: Backend.available)
    func importKeepsHistoryAndNumbers(_ backend: Backend) async throws {
        try await TaskHarness.with(backend) { harness in
            let owner = Fixture.user("owner")
            let project = Fixture.id()
            let milestone = Fixture.id()
            harness.projects.set(.owner, for: owner.id, in: project)
            try await harness.createTask(["project_id": .string(project), "title": "Made before"], as: owner)

            let result = try await harness.service.importTasks(
                Self.imports(reporterID: owner.id, milestoneID: milestone),
                into: project,
                actorID: owner.id
            )

            #expect(result.createdIDs.count == 2)
            #expect(result.existingRefs == [])
            let closedID = try #require(result.createdIDs["github:o/r#3"])
            let closed = try await harness.call("GET", "/api/v1/tasks/\(closedID)", as: owner).data
            #expect(closed["number"]?.integer == 2)
            #expect(closed["title"]?.text == "Closed issue")
            #expect(closed["status"]?.text == "done")
            #expect(closed["labels"] == ["bug", "ui"])
            #expect(closed["milestone_id"]?.text == milestone)
            #expect(closed["reporter_id"]?.text == owner.id)
            #expect(closed["created_at"]?.text == Timestamp.format(Self.created))
            #expect(closed["completed_at"]?.text == Timestamp.format(Self.closed))
            let openID = try #require(result.createdIDs["github:o/r#7"])
            let open = try await harness.call("GET", "/api/v1/tasks/\(openID)", as: owner).data
            #expect(open["number"]?.integer == 3)
            #expect(open["status"]?.text == "todo")
            #expect(open["completed_at"] == .null)
            #expect(open["description"]?.text == "")
            let events = try await harness.outboxEvents("task.created")
            #expect(events.count == 3)
            #expect(events.last?["imported"] == true)
            #expect(events.last?["source_ref"]?.text == "github:o/r#7")
        }
    }

    @Test(arguments: Backend.available)
    func secondImportCreatesNothing(_ backend: Backend) async throws {
        try await TaskHarness.with(backend) { harness in
            let owner = Fixture.user("owner")
            let project = Fixture.id()
            harness.projects.set(.owner, for: owner.id, in: project)
            let imports = Self.imports(reporterID: owner.id, milestoneID: Fixture.id())
            _ = try await harness.service.importTasks(imports, into: project, actorID: owner.id)

            let again = try await harness.service.importTasks(imports, into: project, actorID: owner.id)
            let newer = TaskImport(sourceRef: "github:o/r#9", title: "New", reporterID: owner.id, createdAt: Date())
            let next = try await harness.service.importTasks([imports[0], newer], into: project, actorID: owner.id)

            #expect(again.createdIDs.isEmpty)
            #expect(Set(again.existingRefs) == ["github:o/r#3", "github:o/r#7"])
            #expect(next.existingRefs == ["github:o/r#3"])
            let newID = try #require(next.createdIDs["github:o/r#9"])
            let created = try await harness.call("GET", "/api/v1/tasks/\(newID)", as: owner).data
            #expect(created["number"]?.integer == 3, "numbers continue without gaps")
            let list = try await harness.call("GET", "/api/v1/tasks", query: "project_id=\(project)", as: owner).data
            #expect(list.items.count == 3)
        }
    }

    @Test(arguments: Backend.available)
    func invalidTaskRejectsBatch(_ backend: Backend) async throws {
        try await TaskHarness.with(backend) { harness in
            let owner = Fixture.user("owner")
            let project = Fixture.id()
            harness.projects.set(.owner, for: owner.id, in: project)
            let good = TaskImport(sourceRef: "github:o/r#1", title: "Fine", reporterID: owner.id, createdAt: Date())
            let bad = TaskImport(
                sourceRef: "github:o/r#2",
                title: String(repeating: "t", count: 501),
                description: "nul\0",
                status: "closed",
                labels: [String(repeating: "l", count: 51)],
                reporterID: "not-a-uuid",
                createdAt: Date()
            )

            let error = await #expect(throws: HTTPError.self) {
                try await harness.service.importTasks([good, bad], into: project, actorID: owner.id)
            }

            let details = try #require(error?.details)
            #expect(details["tasks[1].title"] != nil)
            #expect(details["tasks[1].description"] != nil)
            #expect(details["tasks[1].status"] != nil)
            #expect(details["tasks[1].labels"] != nil)
            #expect(details["tasks[1].reporter_id"] != nil)
            #expect(details["tasks[0].title"] == nil)
            let list = try await harness.call("GET", "/api/v1/tasks", query: "project_id=\(project)", as: owner).data
            #expect(list.items.isEmpty, "nothing of a rejected batch is written")
        }
    }
}
