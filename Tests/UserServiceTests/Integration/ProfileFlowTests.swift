import Database
import Foundation
import HTTPServer
import Platform
import Testing

@testable import UserService

@Suite(.serialized) struct ProfileFlowTests {
    @Test(arguments: TestDialects.enabled)
    func registrationCreatesProfileOnce(_ dialect: SQLDialect) async throws {
        let service = try await ServiceHarness.start(dialect)
        let alice = makeCaller("alice")
        let eventID = UUIDv7.make().uuidString.lowercased()
        try await service.register(alice, firstName: "Alice", lastName: "Ávila", eventID: eventID)
        try await service.register(alice, firstName: "Redelivered", lastName: nil, eventID: eventID)
        try await service.register(alice, firstName: "Second", lastName: nil)

        let (status, body) = await service.send("GET", "/api/v1/users/profile", as: alice)
        #expect(status == 200)
        #expect(body.dataString("user_id") == alice.id)
        #expect(body.dataString("username") == "alice")
        #expect(body.dataString("first_name") == "Alice")
        #expect(body.dataString("last_name") == "Ávila")
        #expect(body.dataString("timezone") == "UTC")
        #expect(body.dataString("language") == "en")
        #expect(body?["data"]?["notification_preferences"] == [:])
        #expect(body?["data"]?["email"] == nil)
        await service.stop()
    }

    @Test(arguments: TestDialects.enabled)
    func profileMissingOrAnonymous(_ dialect: SQLDialect) async throws {
        let service = try await ServiceHarness.start(dialect)
        let ghost = makeCaller("ghost")

        let missing = await service.send("GET", "/api/v1/users/profile", as: ghost)
        #expect(missing.status == 404)
        #expect(missing.body.errorCode == "PROFILE_NOT_FOUND")
        let patch = await service.send("PATCH", "/api/v1/users/profile", as: ghost, ["bio": "x"])
        #expect(patch.status == 404)
        let anonymous = await service.send("GET", "/api/v1/users/profile", as: nil)
        #expect(anonymous.status == 401)
        await service.stop()
    }

    @Test(arguments: TestDialects.enabled)
    func profilePartialUpdates(_ dialect: SQLDialect) async throws {
        let service = try await ServiceHarness.start(dialect)
        let alice = makeCaller("alice")
        try await service.register(alice, firstName: "Alice", lastName: nil)

        let patch = await service.send(
            "PATCH",
            "/api/v1/users/profile",
            as: alice,
            [
                "timezone": "Asia/Kolkata", "language": "pt-BR", "bio": "Hi", "avatar_url": "https://cdn.example/a.png",
                "notification_preferences": ["task_assigned": ["email": false]], "username": "mallory",
            ]
        )
        #expect(patch.status == 200)
        #expect(patch.body.dataString("timezone") == "Asia/Kolkata")
        #expect(patch.body.dataString("language") == "pt-BR")
        #expect(patch.body.dataString("avatar_url") == "https://cdn.example/a.png")
        #expect(patch.body.dataString("username") == "alice")
        #expect(patch.body?["data"]?["notification_preferences"] == ["task_assigned": ["email": false]])

        let put = await service.send("PUT", "/api/v1/users/profile", as: alice, ["bio": nil, "timezone": nil])
        #expect(put.status == 200)
        #expect(put.body?["data"]?["bio"] == .null)
        #expect(put.body.dataString("timezone") == "UTC")
        #expect(put.body.dataString("language") == "pt-BR")

        let invalid = await service.send(
            "PATCH",
            "/api/v1/users/profile",
            as: alice,
            ["timezone": "EST", "language": 5]
        )
        #expect(invalid.status == 400)
        #expect(Set(invalid.body.errorFields) == ["timezone", "language"])
        await service.stop()
    }

    @Test(arguments: TestDialects.enabled)
    func userEventsUpdateDirectory(_ dialect: SQLDialect) async throws {
        let service = try await ServiceHarness.start(dialect)
        let admin = makeCaller("root", isAdmin: true)
        let bob = makeCaller("bob")
        try await service.register(bob, firstName: "Bob", lastName: nil)

        try await service.bus.publish(
            Event(
                type: "user.updated",
                producer: "auth",
                actorID: nil,
                data: [
                    "user_id": .string(bob.id), "username": "robert", "last_name": "Builder",
                ]
            )
        )
        let renamed = await service.send("GET", "/api/v1/users/\(bob.id)", as: admin)
        #expect(renamed.body.dataString("username") == "robert")
        #expect(renamed.body.dataString("first_name") == "Bob")
        #expect(renamed.body.dataString("last_name") == "Builder")
        let search = await service.send("GET", "/api/v1/users?search=BUILD", as: admin)
        #expect(search.body.itemValues("username") == ["robert"])

        try await service.bus.publish(
            Event(type: "user.deactivated", producer: "auth", actorID: nil, data: ["user_id": .string(bob.id)])
        )
        let profile = try await service.database.read { connection in
            try ProfileStore.find(userID: bob.id, on: connection)
        }
        #expect(profile?.isActive == false)

        // A payload that cannot be read is skipped without an error, so it does not block later events.
        try await service.bus.publish(Event(type: "user.updated", producer: "auth", actorID: nil, data: ["user_id": 5]))
        try await service.bus.publish(
            Event(
                type: "user.deactivated",
                producer: "auth",
                actorID: nil,
                data: ["user_id": .string(makeCaller("x").id)]
            )
        )
        await service.stop()
    }
}
