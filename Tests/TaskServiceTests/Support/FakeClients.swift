import Foundation
import Platform
import Synchronization

/// A projects service in memory: roles per (user, project), and the projects each user can see.
final class FakeProjects: ProjectAccessClient {
    private let roles = Mutex<[String: [String: ProjectRole]]>([:])
    private let milestones = Mutex<[String: String]>([:])
    private let calls = Mutex(0)

    /// Records that milestone `milestoneID` belongs to `projectID`.
    func addMilestone(_ milestoneID: String, in projectID: String) {
        self.milestones.withLock { $0[milestoneID] = projectID }
    }

    func projectID(ofMilestone milestoneID: String) async throws -> String? {
        self.calls.withLock { $0 += 1 }
        return self.milestones.withLock { $0[milestoneID] }
    }

    /// Gives `userID` `role` in `projectID`; nil removes the membership.
    func set(_ role: ProjectRole?, for userID: String, in projectID: String) {
        self.roles.withLock { $0[projectID, default: [:]][userID] = role }
    }

    /// The number of client calls made so far.
    var callCount: Int { self.calls.withLock { $0 } }

    func role(of userID: String, in projectID: String) async throws -> ProjectRole? {
        self.calls.withLock { $0 += 1 }
        return self.roles.withLock { $0[projectID]?[userID] }
    }

    func roles(of userID: String, in projectIDs: [String]) async throws -> [String: ProjectRole] {
        self.calls.withLock { $0 += 1 }
        return self.roles.withLock { roles in
            var result: [String: ProjectRole] = [:]
            for projectID in projectIDs {
                if let role = roles[projectID]?[userID] { result[projectID] = role }
            }
            return result
        }
    }

    func isMember(userID: String, of projectID: String) async throws -> Bool {
        self.calls.withLock { $0 += 1 }
        return self.roles.withLock { $0[projectID]?[userID] != nil }
    }

    /// The projects where `userID` has any role, as the composition root's visibility closure returns them.
    func visibleProjectIDs(of userID: String) -> [String] {
        self.roles.withLock { roles in
            roles.compactMap { projectID, members in members[userID] == nil ? nil : projectID }.sorted()
        }
    }
}

/// A users service in memory that counts `summaries` calls and can be made slow or failing.
final class FakeUsers: UserDirectoryClient {
    private struct State {
        var summaries: [String: UserSummary] = [:]
        var summaryCalls = 0
        var delay: Duration?
        var failure: (any Error)?
    }

    private let state = Mutex(State())

    func add(_ id: String, username: String) {
        self.state.withLock {
            $0.summaries[id] = UserSummary(
                id: id,
                username: username,
                firstName: "First",
                lastName: "Last",
                avatarURL: nil
            )
        }
    }

    /// Makes every later `summaries` call wait `delay` before it returns.
    func setDelay(_ delay: Duration?) {
        self.state.withLock { $0.delay = delay }
    }

    /// Makes every later `summaries` call throw `error`.
    func setFailure(_ error: (any Error)?) {
        self.state.withLock { $0.failure = error }
    }

    var summaryCallCount: Int { self.state.withLock { $0.summaryCalls } }

    func summaries(ids: [String]) async throws -> [String: UserSummary] {
        let (delay, failure, known) = self.state.withLock { state in
            state.summaryCalls += 1
            return (state.delay, state.failure, state.summaries)
        }
        if let delay {
            // Ignores cancellation on purpose, as a stuck network call would.
            try? await Task.sleep(for: delay)
        }
        if let failure { throw failure }
        return known.filter { ids.contains($0.key) }
    }

    func teamMemberIDs(teamID: String) async throws -> [String] { [] }
    func isTeamMember(userID: String, teamID: String) async throws -> Bool { false }
    func isOrganizationMember(userID: String, organizationID: String) async throws -> Bool { false }
    func teamIDs(of userID: String) async throws -> [String] { [] }
}
