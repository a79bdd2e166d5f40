import HTTPServer
import Platform
import Testing

@testable import UserService

@Suite struct ProfileChangesTests {
    @Test func readsEveryField() throws {
        let changes = try ProfileChanges.read(from: [
            "avatar_url": "https://example.com/me.png",
            "bio": "Hello",
            "timezone": "Europe/Lisbon",
            "language": "pt-BR",
            "notification_preferences": ["task_assigned": ["email": false]],
        ])
        #expect(changes.avatarURL.value == "https://example.com/me.png")
        #expect(changes.bio.value == "Hello")
        #expect(changes.timezone == "Europe/Lisbon")
        #expect(changes.language == "pt-BR")
        #expect(changes.notificationPreferences == ["task_assigned": ["email": false]])
        #expect(!changes.isEmpty)
    }

    @Test func nullResetsToDefaults() throws {
        let changes = try ProfileChanges.read(from: [
            "avatar_url": nil, "bio": nil, "timezone": nil, "language": nil, "notification_preferences": nil,
        ])
        guard case .null = changes.avatarURL else {
            Issue.record("avatar_url null should clear the avatar")
            return
        }
        guard case .null = changes.bio else {
            Issue.record("bio null should clear the bio")
            return
        }
        #expect(changes.timezone == "UTC")
        #expect(changes.language == "en")
        #expect(changes.notificationPreferences == JSONObject())
    }

    @Test func ignoresUnknownAndReadOnlyFields() throws {
        let changes = try ProfileChanges.read(from: ["user_id": "x", "username": "mallory", "first_name": "M"])
        #expect(changes.isEmpty)
    }

    @Test func rejectsEveryInvalidField() {
        do {
            _ = try ProfileChanges.read(from: [
                "avatar_url": "ftp://example.com/a",
                "bio": .string(String(repeating: "b", count: 2001)),
                "timezone": "EST",
                "language": "english",
                "notification_preferences": "all",
            ])
            Issue.record("Expected a validation error")
        } catch {
            #expect(error.status == .badRequest)
            #expect(error.code == "VALIDATION_ERROR")
            let fields = Set(error.details?.keys.map { $0 } ?? [])
            #expect(fields == ["avatar_url", "bio", "timezone", "language", "notification_preferences"])
        }
    }

    @Test func rejectsWrongTypes() {
        do {
            _ = try ProfileChanges.read(from: ["timezone": 5, "bio": true])
            Issue.record("Expected a validation error")
        } catch {
            #expect(error.details?["timezone"] != nil)
            #expect(error.details?["bio"] != nil)
        }
    }

    @Test func rejectsOversizedPreferences() {
        let large = JSONValue.string(String(repeating: "x", count: ProfileChanges.maxPreferencesBytes))
        do {
            _ = try ProfileChanges.read(from: ["notification_preferences": ["blob": large]])
            Issue.record("Expected a validation error")
        } catch {
            #expect(error.details?["notification_preferences"] != nil)
        }
    }

    @Test func acceptsLongestAvatarURL() throws {
        let prefix = "https://example.com/"
        let url = prefix + String(repeating: "a", count: ProfileChanges.maxAvatarURLLength - prefix.count)
        let changes = try ProfileChanges.read(from: ["avatar_url": .string(url)])
        #expect(changes.avatarURL.value == url)
        #expect(throws: HTTPError.self) {
            try ProfileChanges.read(from: ["avatar_url": .string(url + "a")])
        }
    }
}
