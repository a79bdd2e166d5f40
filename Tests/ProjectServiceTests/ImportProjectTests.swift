import Foundation
import HTTPServer
import Platform
import Testing

@testable import ProjectService

@Suite struct ImportProjectTests {
    @Test(arguments: Backend.available)
    func importTwiceReusesProject(_ backend: Backend) async throws {
        try await Harness.with(backend) { harness in
            let owner = harness.user()
            let request = ProjectImport(
                key: "SECP",
                name: "secp256k1",
                sourceRef: "github:o/secp256k1",
                ownerID: owner.id
            )

            let first = try await harness.service.importProject(request)
            let second = try await harness.service.importProject(request)

            #expect(first.created)
            #expect(!second.created)
            #expect(second.id == first.id)
            let project = try await harness.call("GET", "/api/v1/projects/\(first.id)", as: owner)
            #expect(project.data["key"].text == "SECP")
            #expect(project.data["name"].text == "secp256k1")
            #expect(project.data["role"].text == "owner")
        }
    }

    @Test(arguments: Backend.available)
    func keyOfOtherProjectConflicts(_ backend: Backend) async throws {
        try await Harness.with(backend) { harness in
            let owner = harness.user()
            _ = try await harness.createProject(as: owner, ["key": "WEB"])
            _ = try await harness.service.importProject(
                ProjectImport(key: "GH", name: "r", sourceRef: "github:o/r", ownerID: owner.id)
            )

            let apiKey = await #expect(throws: HTTPError.self) {
                try await harness.service.importProject(
                    ProjectImport(key: "WEB", name: "r", sourceRef: "github:o/r", ownerID: owner.id)
                )
            }
            let otherSource = await #expect(throws: HTTPError.self) {
                try await harness.service.importProject(
                    ProjectImport(key: "GH", name: "r", sourceRef: "github:o/other", ownerID: owner.id)
                )
            }

            #expect(apiKey?.status == .conflict)
            #expect(apiKey?.message.contains("was not made by an import") == true)
            #expect(otherSource?.status == .conflict)
            #expect(otherSource?.message.contains("github:o/r") == true)
        }
    }

    @Test(arguments: Backend.available)
    func milestonesImportedOnce(_ backend: Backend) async throws {
        try await Harness.with(backend) { harness in
            let owner = harness.user()
            let project = try await harness.service.importProject(
                ProjectImport(key: "GH", name: "r", sourceRef: "github:o/r", ownerID: owner.id)
            )
            let closedAt = Date(timeIntervalSince1970: 1_700_000_000)
            let milestones = [
                MilestoneImport(
                    sourceRef: "github:o/r/milestone/1",
                    name: "0.1",
                    dueDate: "2023-03-08",
                    isCompleted: true,
                    completedAt: closedAt,
                    createdAt: Date(timeIntervalSince1970: 1_600_000_000)
                ),
                MilestoneImport(sourceRef: "github:o/r/milestone/2", name: "next", description: "Later"),
            ]

            let first = try await harness.service.importMilestones(milestones, into: project.id, actorID: owner.id)
            let second = try await harness.service.importMilestones(milestones, into: project.id, actorID: owner.id)

            #expect(first.values.filter(\.created).count == 2)
            #expect(second.values.filter(\.created).isEmpty)
            #expect(second["github:o/r/milestone/1"]?.id == first["github:o/r/milestone/1"]?.id)
            let list = try await harness.call(
                "GET",
                "/api/v1/projects/\(project.id)/milestones?ordering=name",
                as: owner
            )
            guard case .array(let items) = list.data else {
                Issue.record("no milestone list: \(list)")
                return
            }
            #expect(items.count == 2)
            #expect(items.first?["name"].text == "0.1")
            #expect(items.first?["status"].text == "completed")
            #expect(items.first?["due_date"].text == "2023-03-08")
            #expect(items.first?["completed_at"].text == Timestamp.format(closedAt))
            #expect(items.last?["status"].text == "open")
            #expect(items.last?["description"].text == "Later")
        }
    }

    @Test(arguments: Backend.available)
    func membersAddedWithoutRoleChecks(_ backend: Backend) async throws {
        try await Harness.with(backend) { harness in
            let owner = harness.user()
            let first = harness.user()
            let second = harness.user()
            let project = try await harness.service.importProject(
                ProjectImport(key: "GH", name: "r", sourceRef: "github:o/r", ownerID: owner.id)
            )

            let added = try await harness.service.addImportedMembers(
                [first.id, second.id, first.id],
                to: project.id,
                actorID: owner.id
            )
            let again = try await harness.service.addImportedMembers(
                [owner.id, second.id],
                to: project.id,
                actorID: owner.id
            )

            #expect(Set(added.added) == [first.id, second.id])
            #expect(added.existing.isEmpty)
            #expect(again.added.isEmpty)
            #expect(Set(again.existing) == [owner.id, second.id])
            let role = try await harness.service.role(of: first.id, in: project.id)
            #expect(role == .member)
            let ownerRole = try await harness.service.role(of: owner.id, in: project.id)
            #expect(ownerRole == .owner, "an existing member keeps their role")
        }
    }

    @Test(arguments: Backend.available)
    func invalidMilestoneRejectsBatch(_ backend: Backend) async throws {
        try await Harness.with(backend) { harness in
            let owner = harness.user()
            let project = try await harness.service.importProject(
                ProjectImport(key: "GH", name: "r", sourceRef: "github:o/r", ownerID: owner.id)
            )
            let milestones = [
                MilestoneImport(sourceRef: "github:o/r/milestone/1", name: "fine"),
                MilestoneImport(sourceRef: "github:o/r/milestone/2", name: "two\nlines", dueDate: "2023-02-30"),
            ]

            let error = await #expect(throws: HTTPError.self) {
                try await harness.service.importMilestones(milestones, into: project.id, actorID: owner.id)
            }

            #expect(error?.details?["milestones[1].name"] != nil)
            #expect(error?.details?["milestones[1].due_date"] != nil)
            let list = try await harness.call("GET", "/api/v1/projects/\(project.id)/milestones", as: owner)
            #expect(list.data == .array([]))
        }
    }
}
