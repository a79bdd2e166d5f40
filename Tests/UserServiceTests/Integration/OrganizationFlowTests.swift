import Database
import Foundation
import HTTPServer
import Platform
import Testing

@testable import UserService

@Suite(.serialized) struct OrganizationFlowTests {
    @Test(arguments: TestDialects.enabled)
    func createReadEditDelete(_ dialect: SQLDialect) async throws {
        let service = try await ServiceHarness.start(dialect)
        let alice = makeCaller("alice")
        let bob = makeCaller("bob")
        let admin = makeCaller("root", isAdmin: true)
        try await service.register(alice, firstName: "Alice", lastName: nil)
        try await service.register(bob, firstName: "Bob", lastName: nil)

        let created = await service.send(
            "POST",
            "/api/v1/organizations",
            as: alice,
            [
                "name": " Acme ", "domain": "Acme.example", "settings": ["theme": "dark"], "id": "ignored",
            ]
        )
        #expect(created.status == 201)
        let id = try #require(created.body.dataString("id"))
        #expect(created.body.dataString("name") == "Acme")
        #expect(created.body.dataString("domain") == "acme.example")
        #expect(created.body?["data"]?["settings"] == ["theme": "dark"])
        #expect(created.body.dataString("created_at") == created.body.dataString("updated_at"))

        let read = await service.send("GET", "/api/v1/organizations/\(id)", as: alice)
        #expect(read.status == 200)
        #expect(read.body?["data"] == created.body?["data"])
        let outsider = await service.send("GET", "/api/v1/organizations/\(id)", as: bob)
        #expect(outsider.status == 404)
        #expect(outsider.body.errorCode == "ORGANIZATION_NOT_FOUND")
        let byAdmin = await service.send("GET", "/api/v1/organizations/\(id)", as: admin)
        #expect(byAdmin.status == 200)
        let blank = await service.send("POST", "/api/v1/organizations", as: alice, ["name": "  "])
        #expect(blank.status == 400)

        let edited = await service.send(
            "PATCH",
            "/api/v1/organizations/\(id)",
            as: alice,
            ["domain": nil, "settings": nil]
        )
        #expect(edited.status == 200)
        #expect(edited.body?["data"]?["domain"] == .null)
        #expect(edited.body?["data"]?["settings"] == [:])
        #expect(edited.body.dataString("name") == "Acme")

        let hiddenDelete = await service.send("DELETE", "/api/v1/organizations/\(id)", as: bob)
        #expect(hiddenDelete.status == 404)
        let deleted = await service.send("DELETE", "/api/v1/organizations/\(id)", as: alice)
        #expect(deleted.status == 204)
        let gone = await service.send("GET", "/api/v1/organizations/\(id)", as: admin)
        #expect(gone.status == 404)
        await service.stop()
    }

    @Test(arguments: TestDialects.enabled)
    func memberRolesAndLastOwner(_ dialect: SQLDialect) async throws {
        let service = try await ServiceHarness.start(dialect)
        let alice = makeCaller("alice")
        let bob = makeCaller("bob")
        let carol = makeCaller("carol")
        let dave = makeCaller("dave")
        let ghost = makeCaller("ghost")
        for user in [alice, bob, carol, dave] {
            try await service.register(user, firstName: nil, lastName: nil)
        }
        let created = await service.send("POST", "/api/v1/organizations", as: alice, ["name": "Acme"])
        let id = try #require(created.body.dataString("id"))
        let members = "/api/v1/organizations/\(id)/members"

        let added = await service.send("POST", members, as: alice, ["user_id": .string(bob.id)])
        #expect(added.status == 201)
        #expect(added.body.dataString("role") == "member")
        #expect(added.body.dataString("username") == "bob")
        #expect(added.body.dataString("organization_id") == id)
        let again = await service.send("POST", members, as: alice, ["user_id": .string(bob.id), "role": "admin"])
        #expect(again.status == 400)
        #expect(again.body.errorFields == ["user_id"])
        let unknown = await service.send("POST", members, as: alice, ["user_id": .string(ghost.id)])
        #expect(unknown.status == 400)
        #expect(unknown.body.errorFields == ["user_id"])

        let memberAdds = await service.send("POST", members, as: bob, ["user_id": .string(carol.id)])
        #expect(memberAdds.status == 403)
        #expect(memberAdds.body.errorCode == "AUTHORIZATION_FAILED")
        let memberEdits = await service.send("PATCH", "/api/v1/organizations/\(id)", as: bob, ["name": "Bobco"])
        #expect(memberEdits.status == 403)
        let memberDeletes = await service.send("DELETE", "/api/v1/organizations/\(id)", as: bob)
        #expect(memberDeletes.status == 403)

        let promoted = await service.send("PATCH", "\(members)/\(bob.id)", as: alice, ["role": "admin"])
        #expect(promoted.status == 200)
        #expect(promoted.body.dataString("role") == "admin")
        let adminAdds = await service.send("POST", members, as: bob, ["user_id": .string(carol.id)])
        #expect(adminAdds.status == 201)
        let adminGrantsOwner = await service.send(
            "POST",
            members,
            as: bob,
            ["user_id": .string(dave.id), "role": "owner"]
        )
        #expect(adminGrantsOwner.status == 403)
        let adminDemotesOwner = await service.send("PATCH", "\(members)/\(alice.id)", as: bob, ["role": "member"])
        #expect(adminDemotesOwner.status == 403)

        let lastOwnerDemoted = await service.send("PATCH", "\(members)/\(alice.id)", as: alice, ["role": "member"])
        #expect(lastOwnerDemoted.status == 409)
        #expect(lastOwnerDemoted.body.errorCode == "CONFLICT")
        let lastOwnerLeaves = await service.send("DELETE", "\(members)/\(alice.id)", as: alice)
        #expect(lastOwnerLeaves.status == 409)
        let notMember = await service.send("DELETE", "\(members)/\(dave.id)", as: alice)
        #expect(notMember.status == 404)

        let secondOwner = await service.send("PATCH", "\(members)/\(bob.id)", as: alice, ["role": "owner"])
        #expect(secondOwner.status == 200)
        let demoted = await service.send("PATCH", "\(members)/\(alice.id)", as: alice, ["role": "member"])
        #expect(demoted.status == 200)
        let selfRemoval = await service.send("DELETE", "\(members)/\(carol.id)", as: carol)
        #expect(selfRemoval.status == 204)
        let afterLeaving = await service.send("GET", "/api/v1/organizations/\(id)", as: carol)
        #expect(afterLeaving.status == 404)

        let owners = await service.send("GET", "\(members)?role=owner", as: alice)
        #expect(owners.body.itemValues("username") == ["bob"])
        let badRole = await service.send("GET", "\(members)?role=boss", as: alice)
        #expect(badRole.status == 400)
        await service.stop()
    }

    @Test(arguments: TestDialects.enabled)
    func concurrentSelfDemotionsKeepOwner(_ dialect: SQLDialect) async throws {
        let service = try await ServiceHarness.start(dialect)
        let alice = makeCaller("alice")
        let bob = makeCaller("bob")
        try await service.register(alice, firstName: nil, lastName: nil)
        try await service.register(bob, firstName: nil, lastName: nil)

        for round in 1...10 {
            let created = await service.send("POST", "/api/v1/organizations", as: alice, ["name": "Race"])
            let members = "/api/v1/organizations/\(try #require(created.body.dataString("id")))/members"
            _ = await service.send("POST", members, as: alice, ["user_id": .string(bob.id), "role": "owner"])

            // Each owner demotes themself, so only the last-owner rule can reject one of the two.
            async let first = service.send("PATCH", "\(members)/\(alice.id)", as: alice, ["role": "member"])
            async let second = service.send("PATCH", "\(members)/\(bob.id)", as: bob, ["role": "member"])
            let statuses = await [first.status, second.status].sorted()
            #expect(statuses == [200, 409], "round \(round)")

            let owners = await service.send("GET", "\(members)?role=owner", as: alice)
            #expect(owners.body.items.count == 1, "round \(round)")
        }
        await service.stop()
    }

    @Test(arguments: TestDialects.enabled)
    func listsPageWithCursors(_ dialect: SQLDialect) async throws {
        let service = try await ServiceHarness.start(dialect)
        let dave = makeCaller("dave")
        let admin = makeCaller("root", isAdmin: true)
        try await service.register(dave, firstName: nil, lastName: nil)
        for name in ["b", "a", "c"] {
            _ = await service.send("POST", "/api/v1/organizations", as: dave, ["name": .string(name)])
        }
        let adminOrganization = await service.send("POST", "/api/v1/organizations", as: admin, ["name": "z"])
        let adminOrganizationID = try #require(adminOrganization.body.dataString("id"))

        let first = await service.send("GET", "/api/v1/organizations?ordering=name&limit=2", as: dave)
        #expect(first.body.itemValues("name") == ["a", "b"])
        let cursor = try #require(first.body.nextCursor)
        let second = await service.send("GET", "/api/v1/organizations?ordering=name&limit=2&cursor=\(cursor)", as: dave)
        #expect(second.body.itemValues("name") == ["c"])
        #expect(second.body?["meta"]?["next_cursor"] == .null)
        let mixed = await service.send("GET", "/api/v1/organizations?ordering=-created_at&cursor=\(cursor)", as: dave)
        #expect(mixed.status == 400)

        let everyone = await service.send("GET", "/api/v1/organizations?limit=200", as: admin)
        #expect(everyone.body.itemValues("name").count == 4)
        let mine = await service.send("GET", "/api/v1/organizations", as: dave)
        #expect(Set(mine.body.itemValues("name")) == ["a", "b", "c"])
        let hiddenMembers = await service.send("GET", "/api/v1/organizations/\(adminOrganizationID)/members", as: dave)
        #expect(hiddenMembers.status == 404)
        await service.stop()
    }
}
