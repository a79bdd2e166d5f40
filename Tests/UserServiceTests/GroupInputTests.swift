import HTTPServer
import Platform
import Testing

@testable import UserService

@Suite struct GroupInputTests {
    @Test func newOrganizationTrimsAndLowerCases() throws {
        let input = try NewOrganization.read(from: [
            "name": "  Acme  ", "domain": "Acme.Example", "settings": ["theme": "dark"], "id": "ignored",
        ])
        #expect(input.name == "Acme")
        #expect(input.domain == "acme.example")
        #expect(input.settings == ["theme": "dark"])
    }

    @Test func newOrganizationNeedsName() {
        for body: JSONObject in [[:], ["name": "   "], ["name": nil], ["name": 5]] {
            do {
                _ = try NewOrganization.read(from: body)
                Issue.record("Expected a validation error for \(body)")
            } catch {
                #expect(error.details?["name"] != nil)
            }
        }
    }

    @Test func newOrganizationRejectsBadDomainAndSettings() {
        do {
            _ = try NewOrganization.read(from: ["name": "Acme", "domain": "https://acme.example", "settings": [1, 2]])
            Issue.record("Expected a validation error")
        } catch {
            #expect(error.details?["domain"] != nil)
            #expect(error.details?["settings"] != nil)
        }
    }

    @Test func organizationChangesClearFields() throws {
        let changes = try OrganizationChanges.read(from: ["domain": nil, "settings": nil])
        guard case .null = changes.domain else {
            Issue.record("domain null should clear the domain")
            return
        }
        #expect(changes.settings == JSONObject())
        #expect(changes.name == nil)
        #expect(try OrganizationChanges.read(from: ["owner_id": "x"]).isEmpty)
        #expect(throws: HTTPError.self) { try OrganizationChanges.read(from: ["name": nil]) }
    }

    @Test func newTeamReadsOrganization() throws {
        let input = try NewTeam.read(from: [
            "name": "Core", "description": nil, "organization_id": "0189A000-0000-7000-8000-000000000001",
        ])
        #expect(input.name == "Core")
        #expect(input.description == nil)
        #expect(input.organizationID == "0189a000-0000-7000-8000-000000000001")
        #expect(throws: HTTPError.self) { try NewTeam.read(from: ["name": "Core", "organization_id": "acme"]) }
    }

    @Test func teamChangesDetachOrganization() throws {
        let changes = try TeamChanges.read(from: ["organization_id": nil])
        guard case .null = changes.organizationID else {
            Issue.record("organization_id null should detach the team")
            return
        }
        #expect(!changes.isEmpty)
    }

    @Test func newMemberDefaultsToMemberRole() throws {
        let input = try NewMember.read(from: ["user_id": "0189A000-0000-7000-8000-000000000001"])
        #expect(input.userID == "0189a000-0000-7000-8000-000000000001")
        #expect(input.role == .member)
    }

    @Test func memberBodiesRejectUnknownRole() {
        #expect(throws: HTTPError.self) {
            try NewMember.read(from: ["user_id": "0189a000-0000-7000-8000-000000000001", "role": "boss"])
        }
        #expect(throws: HTTPError.self) { try MemberChange.read(from: [:]) }
        #expect(throws: HTTPError.self) { try MemberChange.read(from: ["role": "Owner"]) }
    }
}
