import Foundation
import HTTPServer
import Platform
import Synchronization
import Testing

@testable import ProjectService

@Suite struct ProjectEndpointTests {
    @Test(arguments: Backend.available)
    func createMakesCallerOwnerAndGeneratesKeys(_ backend: Backend) async throws {
        try await Harness.with(backend) { harness in
            let alice = harness.user()
            let first = try await harness.call(
                "POST",
                "/api/v1/projects",
                as: alice,
                body: ["name": "Customer Portal Redesign"]
            )
            #expect(first.status == 201, "\(first)")
            #expect(first.data["key"].text == "CPR")
            #expect(first.data["role"].text == "owner")
            #expect(first.data["status"].text == "active")
            #expect(first.data["owner_id"].text == alice.id)
            #expect(first.data["description"] == .null)
            #expect(first.data["created_at"].text?.hasSuffix("Z") == true)

            let second = try await harness.call(
                "POST",
                "/api/v1/projects",
                as: alice,
                body: ["name": "Customer Portal Redesign"]
            )
            #expect(second.data["key"].text == "CPRA")

            let takenKey = try await harness.call(
                "POST",
                "/api/v1/projects",
                as: alice,
                body: ["name": "Other", "key": "CPR"]
            )
            #expect(takenKey.status == 400)
            #expect(takenKey.details("key").count == 1)

            #expect(harness.events.of("project.created").count == 2)
            let added = harness.events.of("project.member_added")
            #expect(added.count == 2)
            #expect(added.first?.data["role"] == "owner")
            #expect(added.first?.data["user_id"] == .string(alice.id))
        }
    }

    @Test(arguments: Backend.available)
    func createRejectsInvalidFields(_ backend: Backend) async throws {
        try await Harness.with(backend) { harness in
            let alice = harness.user()
            let reply = try await harness.call(
                "POST",
                "/api/v1/projects",
                as: alice,
                body: [
                    "name": "  ", "key": "ab", "status": "paused", "start_date": "2026-02-30", "due_date": "soon",
                    "team_id": "not-a-uuid", "description": 5,
                ]
            )
            #expect(reply.status == 400)
            #expect(reply.errorCode == "VALIDATION_ERROR")
            for field in ["name", "key", "status", "start_date", "due_date", "team_id", "description"] {
                #expect(reply.details(field).count == 1, "\(field): \(reply)")
            }

            let order = try await harness.call(
                "POST",
                "/api/v1/projects",
                as: alice,
                body: ["name": "Dates", "start_date": "2026-05-02", "due_date": "2026-05-01"]
            )
            #expect(order.details("due_date").count == 1)

            let lineBreak = try await harness.call("POST", "/api/v1/projects", as: alice, body: ["name": "Two\nlines"])
            #expect(lineBreak.details("name").count == 1)

            let nul = try await harness.call(
                "POST",
                "/api/v1/projects",
                as: alice,
                body: ["name": "N", "description": "a\u{0}b"]
            )
            #expect(nul.status == 400, "\(nul)")
            #expect(
                try await harness.call("GET", "/api/v1/projects?search=a%00b", as: alice).details("search").count == 1
            )

            let notObject = try await harness.call("POST", "/api/v1/projects", as: alice, body: ["x"])
            #expect(notObject.status == 400)
        }
    }

    @Test(arguments: Backend.available)
    func createChecksTeamAndOrganizationMembership(_ backend: Backend) async throws {
        try await Harness.with(backend) { harness in
            let alice = harness.user()
            let team = harness.directory.addTeam([alice.id])
            let otherTeam = harness.directory.addTeam([])
            let organization = harness.directory.addOrganization([alice.id])

            let created = try await harness.call(
                "POST",
                "/api/v1/projects",
                as: alice,
                body: ["name": "Team", "team_id": .string(team), "organization_id": .string(organization)]
            )
            #expect(created.status == 201, "\(created)")
            #expect(created.data["team_id"].text == team)

            let rejected = try await harness.call(
                "POST",
                "/api/v1/projects",
                as: alice,
                body: [
                    "name": "Team", "team_id": .string(otherTeam),
                    "organization_id": .string(UUID().uuidString.lowercased()),
                ]
            )
            #expect(rejected.status == 400)
            #expect(rejected.details("team_id") == [.string("Team \(otherTeam) not found")])
            #expect(rejected.details("organization_id").count == 1)

            harness.directory.setFailing(true)
            let unavailable = try await harness.call(
                "POST",
                "/api/v1/projects",
                as: alice,
                body: ["name": "Team", "team_id": .string(team)]
            )
            #expect(unavailable.status == 503)
            #expect(unavailable.errorCode == "SERVICE_UNAVAILABLE")
        }
    }

    @Test(arguments: Backend.available)
    func visibilityFollowsMembershipTeamsAndAdmin(_ backend: Backend) async throws {
        try await Harness.with(backend) { harness in
            let alice = harness.user()
            let bob = harness.user()
            let carol = harness.user()
            let admin = harness.user(admin: true)
            let team = harness.directory.addTeam([bob.id, carol.id])
            let alicesProject = try await harness.createProject(as: alice)
            let teamProject = try await harness.createProject(as: bob, ["team_id": .string(team)])

            let carolsList = try await harness.call("GET", "/api/v1/projects", as: carol)
            #expect(carolsList.items.map { $0["id"].text } == [teamProject])
            #expect(carolsList.items.first?["role"].text == "member")

            let hidden = try await harness.call("GET", "/api/v1/projects/\(alicesProject)", as: carol)
            #expect(hidden.status == 404)
            #expect(hidden.errorCode == "PROJECT_NOT_FOUND")
            let malformed = try await harness.call("GET", "/api/v1/projects/not-a-uuid", as: carol)
            #expect(malformed.errorCode == "PROJECT_NOT_FOUND")

            let teamFilter = try await harness.call("GET", "/api/v1/projects?team_id=\(team)", as: carol)
            #expect(teamFilter.items.count == 1)
            let foreignTeam = try await harness.call("GET", "/api/v1/projects?team_id=\(team)", as: alice)
            #expect(foreignTeam.status == 404)
            #expect(foreignTeam.errorCode == "TEAM_NOT_FOUND")

            let adminList = try await harness.call("GET", "/api/v1/projects", as: admin)
            #expect(Set(adminList.items.compactMap { $0["id"].text }) == [alicesProject, teamProject])
            let adminView = try await harness.call("GET", "/api/v1/projects/\(alicesProject)", as: admin)
            #expect(adminView.status == 200)
            #expect(adminView.data["role"] == .null)
            let adminPatch = try await harness.call(
                "PATCH",
                "/api/v1/projects/\(alicesProject)",
                as: admin,
                body: ["name": "Mine"]
            )
            #expect(adminPatch.status == 403)
            #expect(adminPatch.errorCode == "AUTHORIZATION_FAILED")
        }
    }

    @Test(arguments: Backend.available)
    func listPagesFiltersAndOrders(_ backend: Backend) async throws {
        try await Harness.with(backend) { harness in
            let alice = harness.user()
            let names = ["delta", "Alpha", "charlie", "Bravo", "echo"]
            for name in names {
                _ = try await harness.createProject(as: alice, ["name": .string(name)])
                // Distinct creation milliseconds make the created_at order below certain.
                try await Task.sleep(for: .milliseconds(3))
            }
            _ = try await harness.createProject(
                as: alice,
                ["name": "Archived portal", "status": "archived", "key": "ARCH"]
            )

            var seen: [String] = []
            var cursor: String?
            repeat {
                let query = "ordering=name&limit=2&status=active" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await harness.call("GET", "/api/v1/projects?\(query)", as: alice)
                #expect(page.status == 200, "\(page)")
                #expect(page.items.count <= 2)
                seen += page.items.compactMap { $0["name"].text }
                cursor = page.nextCursor
            } while cursor != nil
            #expect(seen == ["Alpha", "Bravo", "charlie", "delta", "echo"])

            let descending = try await harness.call("GET", "/api/v1/projects?ordering=-name&status=active", as: alice)
            #expect(descending.items.compactMap { $0["name"].text } == ["echo", "delta", "charlie", "Bravo", "Alpha"])

            let newest = try await harness.call("GET", "/api/v1/projects?limit=1", as: alice)
            #expect(newest.items.first?["name"].text == "Archived portal")
            let next = try await harness.call(
                "GET",
                "/api/v1/projects?limit=1&cursor=\(newest.nextCursor ?? "")",
                as: alice
            )
            #expect(next.items.first?["name"].text == "echo")

            let search = try await harness.call("GET", "/api/v1/projects?search=PORTAL", as: alice)
            #expect(search.items.compactMap { $0["key"].text } == ["ARCH"])
            let byKey = try await harness.call("GET", "/api/v1/projects?search=arch", as: alice)
            #expect(byKey.items.count == 1)
            let wildcard = try await harness.call("GET", "/api/v1/projects?search=%25", as: alice)
            #expect(wildcard.items.isEmpty)

            for bad in ["ordering=owner", "status=paused", "limit=0", "limit=201", "team_id=x", "cursor=abc"] {
                let reply = try await harness.call("GET", "/api/v1/projects?\(bad)", as: alice)
                #expect(reply.status == 400, "\(bad): \(reply)")
            }
            let otherOrdering = try await harness.call(
                "GET",
                "/api/v1/projects?ordering=created_at&cursor=\(newest.nextCursor ?? "")",
                as: alice
            )
            #expect(otherOrdering.details("cursor").count == 1)
        }
    }

    @Test(arguments: Backend.available)
    func updateFollowsRoles(_ backend: Backend) async throws {
        try await Harness.with(backend) { harness in
            let owner = harness.user()
            let manager = harness.user()
            let member = harness.user()
            let project = try await harness.createProject(as: owner, ["key": "WEB", "description": "Text"])
            _ = try await harness.createProject(as: owner, ["key": "TAKEN"])
            try await harness.addMember(manager, role: "manager", to: project, by: owner)
            try await harness.addMember(member, role: "member", to: project, by: owner)
            let path = "/api/v1/projects/\(project)"

            let renamed = try await harness.call(
                "PATCH",
                path,
                as: manager,
                body: ["name": "Renamed", "description": nil, "status": "on_hold"]
            )
            #expect(renamed.status == 200, "\(renamed)")
            #expect(renamed.data["name"].text == "Renamed")
            #expect(renamed.data["description"] == .null)
            #expect(renamed.data["role"].text == "manager")
            let updated = harness.events.of("project.updated")
            #expect(updated.last?.data["changed_fields"] == ["name", "description", "status"])

            #expect(try await harness.call("PATCH", path, as: member, body: ["name": "No"]).status == 403)
            #expect(try await harness.call("PATCH", path, as: manager, body: ["key": "NEW"]).status == 403)
            #expect(try await harness.call("PATCH", path, as: owner, body: ["key": "TAKEN"]).details("key").count == 1)
            #expect(try await harness.call("PATCH", path, as: owner, body: ["key": "NEW"]).data["key"].text == "NEW")
            #expect(try await harness.call("PATCH", path, as: owner, body: ["name": nil]).details("name").count == 1)

            let foreignTeam = harness.directory.addTeam([manager.id])
            let teamChange = try await harness.call("PATCH", path, as: owner, body: ["team_id": .string(foreignTeam)])
            #expect(teamChange.details("team_id").count == 1)

            _ = try await harness.call("PATCH", path, as: owner, body: ["start_date": "2026-06-01"])
            let backwards = try await harness.call("PATCH", path, as: owner, body: ["due_date": "2026-05-31"])
            #expect(backwards.details("due_date").count == 1)

            let eventsBefore = harness.events.of("project.updated").count
            let unchanged = try await harness.call("PATCH", path, as: owner, body: ["name": "Renamed"])
            #expect(unchanged.status == 200)
            #expect(harness.events.of("project.updated").count == eventsBefore)
        }
    }

    @Test(arguments: Backend.available)
    func deleteNeedsOwner(_ backend: Backend) async throws {
        try await Harness.with(backend) { harness in
            let owner = harness.user()
            let manager = harness.user()
            let project = try await harness.createProject(as: owner)
            try await harness.addMember(manager, role: "manager", to: project, by: owner)
            _ = try await harness.call(
                "POST",
                "/api/v1/projects/\(project)/milestones",
                as: owner,
                body: ["name": "First"]
            )

            #expect(try await harness.call("DELETE", "/api/v1/projects/\(project)", as: manager).status == 403)
            #expect(try await harness.call("DELETE", "/api/v1/projects/\(project)", as: owner).status == 204)
            #expect(try await harness.call("GET", "/api/v1/projects/\(project)", as: owner).status == 404)
            #expect(harness.events.of("project.deleted").first?.data["project_id"] == .string(project))
        }
    }
}
