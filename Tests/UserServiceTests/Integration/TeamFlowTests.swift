import Database
import Foundation
import HTTPServer
import Platform
import Testing

@testable import UserService

@Suite(.serialized) struct TeamFlowTests {
    @Test(arguments: TestDialects.enabled)
    func teamsInOrganizations(_ dialect: SQLDialect) async throws {
        let service = try await ServiceHarness.start(dialect)
        let bob = makeCaller("bob")
        let dave = makeCaller("dave")
        let admin = makeCaller("root", isAdmin: true)
        try await service.register(bob, firstName: nil, lastName: nil)
        try await service.register(dave, firstName: nil, lastName: nil)
        let organization = await service.send("POST", "/api/v1/organizations", as: bob, ["name": "Acme"])
        let organizationID = try #require(organization.body.dataString("id"))

        let team = await service.send(
            "POST",
            "/api/v1/teams",
            as: bob,
            [
                "name": "Core", "description": "Platform", "organization_id": .string(organizationID),
                "owner_id": .string(dave.id),
            ]
        )
        #expect(team.status == 201)
        let teamID = try #require(team.body.dataString("id"))
        #expect(team.body.dataString("owner_id") == bob.id)
        #expect(team.body.dataString("organization_id") == organizationID)

        let foreign = await service.send(
            "POST",
            "/api/v1/teams",
            as: dave,
            ["name": "X", "organization_id": .string(organizationID)]
        )
        #expect(foreign.status == 400)
        #expect(foreign.body.errorFields == ["organization_id"])
        let missing = await service.send(
            "POST",
            "/api/v1/teams",
            as: dave,
            ["name": "X", "organization_id": .string(makeCaller("x").id)]
        )
        #expect(missing.status == 400)
        #expect(missing.body?["error"] == foreign.body?["error"])
        let solo = await service.send("POST", "/api/v1/teams", as: dave, ["name": "Solo"])
        #expect(solo.status == 201)

        let filtered = await service.send("GET", "/api/v1/teams?organization_id=\(organizationID)", as: bob)
        #expect(filtered.body.itemValues("name") == ["Core"])
        let hiddenFilter = await service.send("GET", "/api/v1/teams?organization_id=\(organizationID)", as: dave)
        #expect(hiddenFilter.status == 404)
        let badFilter = await service.send("GET", "/api/v1/teams?organization_id=acme", as: dave)
        #expect(badFilter.status == 400)
        let all = await service.send("GET", "/api/v1/teams?ordering=name", as: admin)
        #expect(all.body.itemValues("name") == ["Core", "Solo"])

        let added = await service.send(
            "POST",
            "/api/v1/teams/\(teamID)/members",
            as: bob,
            ["user_id": .string(dave.id)]
        )
        #expect(added.status == 201)
        #expect(added.body.dataString("team_id") == teamID)
        let memberDeletes = await service.send("DELETE", "/api/v1/teams/\(teamID)", as: dave)
        #expect(memberDeletes.status == 403)
        let lastOwner = await service.send("DELETE", "/api/v1/teams/\(teamID)/members/\(bob.id)", as: bob)
        #expect(lastOwner.status == 409)

        let organizationDeleted = await service.send("DELETE", "/api/v1/organizations/\(organizationID)", as: bob)
        #expect(organizationDeleted.status == 204)
        let detached = await service.send("GET", "/api/v1/teams/\(teamID)", as: dave)
        #expect(detached.status == 200)
        #expect(detached.body?["data"]?["organization_id"] == .null)

        let deleted = await service.send("DELETE", "/api/v1/teams/\(teamID)", as: admin)
        #expect(deleted.status == 204)
        let gone = await service.send("GET", "/api/v1/teams/\(teamID)", as: bob)
        #expect(gone.status == 404)
        #expect(gone.body.errorCode == "TEAM_NOT_FOUND")
        await service.stop()
    }

    @Test(arguments: TestDialects.enabled)
    func changesGoThroughOutbox(_ dialect: SQLDialect) async throws {
        let service = try await ServiceHarness.start(dialect)
        let bob = makeCaller("bob")
        let dave = makeCaller("dave")
        try await service.register(bob, firstName: nil, lastName: nil)
        try await service.register(dave, firstName: nil, lastName: nil)

        let team = await service.send("POST", "/api/v1/teams", as: bob, ["name": "Core"])
        let teamID = try #require(team.body.dataString("id"))
        let members = "/api/v1/teams/\(teamID)/members"
        _ = await service.send("POST", members, as: bob, ["user_id": .string(dave.id)])
        _ = await service.send("PATCH", "\(members)/\(dave.id)", as: bob, ["role": "admin"])
        _ = await service.send("DELETE", "\(members)/\(dave.id)", as: dave)
        _ = await service.send("DELETE", "/api/v1/teams/\(teamID)", as: bob)

        let outbox = try await service.outbox()
        #expect(
            outbox.types == [
                "team.created", "team.member_added", "team.member_added", "team.member_role_changed",
                "team.member_removed", "team.deleted",
            ]
        )
        #expect(outbox.unsent == 0)
        await service.stop()
    }
}
