import Foundation
import HTTPServer
import Platform
import Synchronization
import Testing

@testable import ProjectService

@Suite struct MemberEndpointTests {
    @Test(arguments: Backend.available)
    func addingFollowsRoleRules(_ backend: Backend) async throws {
        try await Harness.with(backend) { harness in
            let owner = harness.user()
            let manager = harness.user()
            let carol = harness.user()
            let dave = harness.user()
            let project = try await harness.createProject(as: owner)
            let path = "/api/v1/projects/\(project)/members"

            let added = try await harness.call(
                "POST",
                path,
                as: owner,
                body: ["user_id": .string(manager.id), "role": "manager"]
            )
            #expect(added.status == 201, "\(added)")
            #expect(added.data["role"].text == "manager")
            #expect(added.data["via"].text == "direct")
            #expect(added.data["added_by"].text == owner.id)
            #expect(added.data["user"]?["username"]?.text?.hasPrefix("user-") == true)

            let byManager = try await harness.call(
                "POST",
                path,
                as: manager,
                body: ["user_id": .string(carol.id), "role": "member"]
            )
            #expect(byManager.status == 201)
            let managerByManager = try await harness.call(
                "POST",
                path,
                as: manager,
                body: ["user_id": .string(dave.id), "role": "manager"]
            )
            #expect(managerByManager.status == 403)
            let byMember = try await harness.call(
                "POST",
                path,
                as: carol,
                body: ["user_id": .string(dave.id), "role": "viewer"]
            )
            #expect(byMember.status == 403)

            let unknown = UUID().uuidString.lowercased()
            let missing = try await harness.call(
                "POST",
                path,
                as: owner,
                body: ["user_id": .string(unknown), "role": "viewer"]
            )
            #expect(missing.details("user_id") == [.string("User \(unknown) not found")])
            let twice = try await harness.call(
                "POST",
                path,
                as: owner,
                body: ["user_id": .string(carol.id), "role": "viewer"]
            )
            #expect(twice.details("user_id").count == 1)
            let badRole = try await harness.call(
                "POST",
                path,
                as: owner,
                body: ["user_id": .string(dave.id), "role": "admin"]
            )
            #expect(badRole.details("role").count == 1)

            let event = try #require(harness.events.of("project.member_added").last)
            #expect(event.data["user_id"] == .string(carol.id))
            #expect(event.data["role"] == "member")
            #expect(event.actorID == manager.id)
        }
    }

    @Test(arguments: Backend.available)
    func listMergesTeamMembersAndPages(_ backend: Backend) async throws {
        try await Harness.with(backend) { harness in
            let owner = harness.user()
            let teamMembers = (0..<4).map { _ in harness.user() }
            let team = harness.directory.addTeam([owner.id] + teamMembers.map(\.id))
            let project = try await harness.createProject(as: owner, ["team_id": .string(team)])
            try await harness.addMember(teamMembers[0], role: "viewer", to: project, by: owner)
            let outsider = harness.user()
            try await harness.addMember(outsider, role: "manager", to: project, by: owner)

            var members: [JSONValue] = []
            var cursor: String?
            var pages = 0
            repeat {
                let path = "/api/v1/projects/\(project)/members?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await harness.call("GET", path, as: teamMembers[1])
                #expect(page.status == 200, "\(page)")
                members += page.items
                cursor = page.nextCursor
                pages += 1
            } while cursor != nil
            #expect(pages == 3)

            let ids = members.compactMap { $0["user_id"].text }
            #expect(ids == ids.sorted())
            #expect(Set(ids) == Set([owner.id, outsider.id] + teamMembers.map(\.id)))
            let byID = Dictionary(uniqueKeysWithValues: members.map { ($0["user_id"].text ?? "", $0) })
            #expect(byID[owner.id]?["role"].text == "owner")
            #expect(byID[owner.id]?["via"].text == "direct")
            #expect(byID[teamMembers[0].id]?["role"].text == "viewer")
            #expect(byID[teamMembers[2].id]?["via"].text == "team")
            #expect(byID[teamMembers[2].id]?["role"].text == "member")
            #expect(byID[teamMembers[2].id]?["joined_at"] == .null)

            let teamOnly = try await harness.call("GET", "/api/v1/projects/\(project)/members?via=team", as: owner)
            #expect(Set(teamOnly.items.compactMap { $0["user_id"].text }) == Set(teamMembers.dropFirst().map(\.id)))
            let managers = try await harness.call("GET", "/api/v1/projects/\(project)/members?role=manager", as: owner)
            #expect(managers.items.compactMap { $0["user_id"].text } == [outsider.id])
            #expect(
                try await harness.call("GET", "/api/v1/projects/\(project)/members?role=boss", as: owner).status == 400
            )
            #expect(
                try await harness.call("GET", "/api/v1/projects/\(project)/members?ordering=role", as: owner).status
                    == 400
            )

            let statements = try await harness.database.statements {
                _ = try await harness.call("GET", "/api/v1/projects/\(project)/members?limit=200", as: owner)
            }
            #expect(statements == 3, "one access check, one page of direct members, one team overlap")
        }
    }

    @Test(arguments: Backend.available)
    func lastOwnerStays(_ backend: Backend) async throws {
        try await Harness.with(backend) { harness in
            let owner = harness.user()
            let second = harness.user()
            let project = try await harness.createProject(as: owner)
            let ownPath = "/api/v1/projects/\(project)/members/\(owner.id)"

            let demote = try await harness.call("PATCH", ownPath, as: owner, body: ["role": "manager"])
            #expect(demote.status == 409)
            #expect(demote.errorCode == "CONFLICT")
            #expect(try await harness.call("DELETE", ownPath, as: owner).status == 409)

            try await harness.addMember(second, role: "owner", to: project, by: owner)
            let demoted = try await harness.call("PATCH", ownPath, as: owner, body: ["role": "manager"])
            #expect(demoted.status == 200, "\(demoted)")
            #expect(demoted.data["role"].text == "manager")
            let changed = try #require(harness.events.of("project.member_role_changed").last)
            #expect(changed.data["role"] == "manager")
            #expect(changed.data["previous_role"] == "owner")

            let leave = try await harness.call("DELETE", "/api/v1/projects/\(project)/members/\(second.id)", as: second)
            #expect(leave.status == 409, "the second owner is now the only owner")
        }
    }

    @Test(arguments: Backend.available)
    func removalAndRoleChangesFollowRules(_ backend: Backend) async throws {
        try await Harness.with(backend) { harness in
            let owner = harness.user()
            let manager = harness.user()
            let otherManager = harness.user()
            let member = harness.user()
            let viewer = harness.user()
            let teamMate = harness.user()
            let team = harness.directory.addTeam([owner.id, teamMate.id])
            let project = try await harness.createProject(as: owner, ["team_id": .string(team)])
            try await harness.addMember(manager, role: "manager", to: project, by: owner)
            try await harness.addMember(otherManager, role: "manager", to: project, by: owner)
            try await harness.addMember(member, role: "member", to: project, by: owner)
            try await harness.addMember(viewer, role: "viewer", to: project, by: owner)
            let path = "/api/v1/projects/\(project)/members/"

            #expect(
                try await harness.call("PATCH", path + member.id, as: manager, body: ["role": "viewer"]).status == 200
            )
            #expect(
                try await harness.call("PATCH", path + member.id, as: manager, body: ["role": "manager"]).status == 403
            )
            #expect(
                try await harness.call("PATCH", path + otherManager.id, as: manager, body: ["role": "member"]).status
                    == 403
            )
            #expect(
                try await harness.call("PATCH", path + member.id, as: viewer, body: ["role": "member"]).status == 403
            )
            #expect(try await harness.call("PATCH", path + member.id, as: manager, body: ["role": 3]).status == 400)

            #expect(try await harness.call("DELETE", path + viewer.id, as: member).status == 403)
            #expect(try await harness.call("DELETE", path + otherManager.id, as: manager).status == 403)
            #expect(try await harness.call("DELETE", path + viewer.id, as: viewer).status == 204)
            #expect(try await harness.call("DELETE", path + member.id, as: manager).status == 204)
            #expect(try await harness.call("DELETE", path + otherManager.id, as: owner).status == 204)

            let teamOnly = try await harness.call("DELETE", path + teamMate.id, as: owner)
            #expect(teamOnly.status == 404)
            #expect(teamOnly.errorCode == "MEMBER_NOT_FOUND")
            #expect(try await harness.call("PATCH", path + "nobody", as: owner, body: ["role": "viewer"]).status == 404)

            let removed = harness.events.of("project.member_removed")
            #expect(removed.count == 3)
            #expect(removed.first?.data["role"] == "viewer")
            #expect(try await harness.call("GET", "/api/v1/projects/\(project)", as: viewer).status == 404)
        }
    }
}
