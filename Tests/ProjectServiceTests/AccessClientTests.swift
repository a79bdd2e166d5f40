import Foundation
import HTTPServer
import Platform
import Synchronization
import Testing

@testable import ProjectService

@Suite struct AccessClientTests {
    @Test(arguments: Backend.available)
    func rolesComeFromMembershipThenTeam(_ backend: Backend) async throws {
        try await Harness.with(backend) { harness in
            let owner = harness.user()
            let teamMate = harness.user()
            let viewer = harness.user()
            let admin = harness.user(admin: true)
            let team = harness.directory.addTeam([owner.id, teamMate.id, viewer.id])
            let teamProject = try await harness.createProject(as: owner, ["team_id": .string(team)])
            let plainProject = try await harness.createProject(as: owner)
            try await harness.addMember(viewer, role: "viewer", to: teamProject, by: owner)
            let service = harness.service

            #expect(try await service.role(of: owner.id, in: teamProject) == .owner)
            #expect(try await service.role(of: teamMate.id, in: teamProject) == .member)
            #expect(
                try await service.role(of: viewer.id, in: teamProject) == .viewer,
                "a direct role wins over the team"
            )
            #expect(try await service.role(of: teamMate.id, in: plainProject) == nil)
            #expect(try await service.role(of: admin.id, in: plainProject) == nil)
            #expect(try await service.role(of: owner.id, in: "not-a-uuid") == nil)
            #expect(try await service.isMember(userID: teamMate.id, of: teamProject))
            #expect(try await !service.isMember(userID: teamMate.id, of: plainProject))

            let roles = try await service.roles(of: teamMate.id, in: [teamProject, plainProject, UUID().uuidString])
            #expect(roles == [teamProject: .member])
            #expect(try await service.visibleProjectIDs(for: owner.id) == [teamProject, plainProject].sorted())
            #expect(try await service.visibleProjectIDs(for: teamMate.id) == [teamProject])
        }
    }

    @Test(arguments: Backend.available)
    func rolesStayBoundedForManyProjects(_ backend: Backend) async throws {
        try await Harness.with(backend) { harness in
            let owner = harness.user()
            let teamMate = harness.user()
            let team = harness.directory.addTeam([owner.id, teamMate.id])
            var projects: [String] = []
            for index in 0..<30 {
                projects.append(
                    try await harness.createProject(
                        as: owner,
                        index.isMultiple(of: 2) ? ["team_id": .string(team)] : [:]
                    )
                )
            }

            let callsBefore = harness.directory.callCount("teamIDs")
            var roles: [String: ProjectRole] = [:]
            let statements = try await harness.database.statements {
                roles = try await harness.service.roles(of: teamMate.id, in: projects)
            }
            #expect(statements == 1)
            #expect(harness.directory.callCount("teamIDs") - callsBefore == 1)
            #expect(roles.count == 15)
            #expect(Set(roles.values) == [.member])

            let ownerStatements = try await harness.database.statements {
                roles = try await harness.service.roles(of: owner.id, in: projects)
            }
            #expect(ownerStatements == 1)
            #expect(roles.count == 30)

            let listStatements = try await harness.database.statements {
                _ = try await harness.call("GET", "/api/v1/projects?limit=200", as: teamMate)
            }
            #expect(listStatements == 1)
        }
    }
}
