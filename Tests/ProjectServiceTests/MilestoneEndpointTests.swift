import Foundation
import HTTPServer
import Platform
import Synchronization
import Testing

@testable import ProjectService

@Suite struct MilestoneEndpointTests {
    @Test(arguments: Backend.available)
    func managersWriteAndMembersRead(_ backend: Backend) async throws {
        try await Harness.with(backend) { harness in
            let owner = harness.user()
            let member = harness.user()
            let project = try await harness.createProject(as: owner)
            try await harness.addMember(member, role: "member", to: project, by: owner)
            let path = "/api/v1/projects/\(project)/milestones"

            let created = try await harness.call(
                "POST",
                path,
                as: owner,
                body: ["name": "Beta", "due_date": "2026-09-01", "description": "First cut"]
            )
            #expect(created.status == 201, "\(created)")
            #expect(created.data["status"].text == "open")
            #expect(created.data["completed_at"] == .null)
            #expect(created.data["owner_id"].text == owner.id)
            let id = try #require(created.data["id"].text)

            #expect(try await harness.call("POST", path, as: member, body: ["name": "Nope"]).status == 403)
            #expect(
                try await harness.call("POST", path, as: owner, body: ["name": "", "status": "done"]).details("status")
                    .count == 1
            )
            #expect(try await harness.call("GET", "\(path)/\(id)", as: member).data["name"].text == "Beta")
            #expect(try await harness.call("PATCH", "\(path)/\(id)", as: member, body: ["name": "X"]).status == 403)

            let completed = try await harness.call(
                "PATCH",
                "\(path)/\(id)",
                as: owner,
                body: ["status": "completed", "due_date": nil]
            )
            #expect(completed.status == 200, "\(completed)")
            #expect(completed.data["completed_at"].text != nil)
            #expect(completed.data["due_date"] == .null)
            let reopened = try await harness.call("PATCH", "\(path)/\(id)", as: owner, body: ["status": "open"])
            #expect(reopened.data["completed_at"] == .null)
            #expect(harness.events.of("milestone.updated").last?.data["changed_fields"] == ["status"])

            let otherProject = try await harness.createProject(as: owner)
            let foreign = try await harness.call("GET", "/api/v1/projects/\(otherProject)/milestones/\(id)", as: owner)
            #expect(foreign.status == 404)
            #expect(foreign.errorCode == "MILESTONE_NOT_FOUND")

            #expect(try await harness.call("DELETE", "\(path)/\(id)", as: owner).status == 204)
            #expect(try await harness.call("GET", "\(path)/\(id)", as: owner).status == 404)
            #expect(harness.events.of("milestone.deleted").first?.data["milestone_id"] == .string(id))
            #expect(harness.events.of("milestone.created").count == 1)
        }
    }

    @Test(arguments: Backend.available)
    func listOrdersByDueDateWithUndatedLast(_ backend: Backend) async throws {
        try await Harness.with(backend) { harness in
            let owner = harness.user()
            let project = try await harness.createProject(as: owner)
            let path = "/api/v1/projects/\(project)/milestones"
            let milestones: [(String, JSONValue)] = [
                ("C", "2026-03-01"), ("Undated", nil), ("A", "2026-01-01"), ("B", "2026-02-01"),
            ]
            for (name, due) in milestones {
                _ = try await harness.call("POST", path, as: owner, body: ["name": .string(name), "due_date": due])
            }

            var names: [String] = []
            var cursor: String?
            repeat {
                let page = try await harness.call(
                    "GET",
                    "\(path)?limit=1" + (cursor.map { "&cursor=\($0)" } ?? ""),
                    as: owner
                )
                #expect(page.status == 200, "\(page)")
                names += page.items.compactMap { $0["name"].text }
                cursor = page.nextCursor
            } while cursor != nil
            #expect(names == ["A", "B", "C", "Undated"])

            let byName = try await harness.call("GET", "\(path)?ordering=-name", as: owner)
            #expect(byName.items.compactMap { $0["name"].text } == ["Undated", "C", "B", "A"])
            #expect(try await harness.call("GET", "\(path)?status=late", as: owner).status == 400)
            #expect(try await harness.call("GET", "\(path)?ordering=position", as: owner).status == 400)
        }
    }
}
