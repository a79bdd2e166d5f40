import Database
import Foundation
import HTTPServer
import Platform
import Testing

@testable import UserService

@Suite(.serialized) struct DirectoryFlowTests {
    @Test(arguments: TestDialects.enabled)
    func visibilityFollowsSharedGroups(_ dialect: SQLDialect) async throws {
        let service = try await ServiceHarness.start(dialect)
        let alice = makeCaller("alice")
        let bob = makeCaller("bob")
        let carol = makeCaller("carol")
        try await service.register(alice, firstName: "Alice", lastName: "Ávila")
        try await service.register(bob, firstName: "Bob", lastName: nil)
        try await service.register(carol, firstName: nil, lastName: nil)

        let alone = await service.send("GET", "/api/v1/users", as: alice)
        #expect(alone.status == 200)
        #expect(alone.body.itemValues("username") == ["alice"])
        let hidden = await service.send("GET", "/api/v1/users/\(bob.id)", as: alice)
        #expect(hidden.status == 404)
        #expect(hidden.body.errorCode == "USER_NOT_FOUND")

        let team = await service.send("POST", "/api/v1/teams", as: alice, ["name": "Core"])
        let teamID = try #require(team.body.dataString("id"))
        _ = await service.send("POST", "/api/v1/teams/\(teamID)/members", as: alice, ["user_id": .string(bob.id)])

        let shared = await service.send("GET", "/api/v1/users", as: bob)
        #expect(shared.body.itemValues("username") == ["alice", "bob"])
        #expect(shared.body.items.first?["email"] == nil)
        #expect(shared.body.items.first?["avatar_url"] == .null)
        let accentSearch = await service.send("GET", "/api/v1/users?search=%C3%A1VIL", as: bob)
        #expect(accentSearch.body.itemValues("username") == ["alice"])
        let wildcardSearch = await service.send("GET", "/api/v1/users?search=%25", as: bob)
        #expect(wildcardSearch.body.items.isEmpty)
        let byID = await service.send("GET", "/api/v1/users?ids=\(alice.id),\(carol.id)", as: bob)
        #expect(byID.body.itemValues("username") == ["alice"])
        let one = await service.send("GET", "/api/v1/users/\(alice.id.uppercased())", as: bob)
        #expect(one.status == 200)
        #expect(one.body.dataString("id") == alice.id)
        await service.stop()
    }

    @Test(arguments: TestDialects.enabled)
    func adminPagesThroughEveryone(_ dialect: SQLDialect) async throws {
        let service = try await ServiceHarness.start(dialect)
        let admin = makeCaller("root", isAdmin: true)
        for name in ["erin", "alice", "dave", "bob", "carol"] {
            try await service.register(makeCaller(name), firstName: nil, lastName: nil)
        }

        for ordering in ["username", "-username", "created_at", "-created_at"] {
            let full = await service.send("GET", "/api/v1/users?ordering=\(ordering)&limit=200", as: admin)
            #expect(full.body.items.count == 5)
            var paged: [String] = []
            var cursor: String?
            repeat {
                let query = "ordering=\(ordering)&limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = await service.send("GET", "/api/v1/users?\(query)", as: admin)
                #expect(page.status == 200)
                paged += page.body.itemValues("id")
                cursor = page.body.nextCursor
            } while cursor != nil && paged.count <= 5
            #expect(paged == full.body.itemValues("id"), "ordering \(ordering)")
        }
        let names = await service.send("GET", "/api/v1/users", as: admin)
        #expect(names.body.itemValues("username") == ["alice", "bob", "carol", "dave", "erin"])
        await service.stop()
    }

    @Test(arguments: TestDialects.enabled)
    func invalidQueriesAreRejected(_ dialect: SQLDialect) async throws {
        let service = try await ServiceHarness.start(dialect)
        let admin = makeCaller("root", isAdmin: true)
        for query in ["ordering=email", "limit=0", "limit=201", "cursor=abc", "ids=nope", "ids="] {
            let response = await service.send("GET", "/api/v1/users?\(query)", as: admin)
            #expect(response.status == 400, "query \(query)")
            #expect(response.body.errorCode == "VALIDATION_ERROR", "query \(query)")
        }
        let badID = await service.send("GET", "/api/v1/users/not-a-uuid", as: admin)
        #expect(badID.status == 404)
        await service.stop()
    }
}
