import Foundation
import Platform
import Synchronization

/// A users service in memory: known users, team and organization members, and a count of calls.
final class FakeDirectory: UserDirectoryClient {
    struct State {
        var users: Set<String> = []
        var teams: [String: [String]] = [:]
        var organizations: [String: Set<String>] = [:]
        var failing = false
        var calls: [String: Int] = [:]
    }

    struct Unavailable: Error {}

    let state = Mutex(State())

    /// Registers a user and returns their id.
    func addUser() -> String {
        let id = UUID().uuidString.lowercased()
        _ = self.state.withLock { $0.users.insert(id) }
        return id
    }

    /// Creates a team of `members` and returns its id.
    func addTeam(_ members: [String]) -> String {
        let id = UUID().uuidString.lowercased()
        self.state.withLock { $0.teams[id] = members }
        return id
    }

    func addOrganization(_ members: Set<String>) -> String {
        let id = UUID().uuidString.lowercased()
        self.state.withLock { $0.organizations[id] = members }
        return id
    }

    func setFailing(_ failing: Bool) {
        self.state.withLock { $0.failing = failing }
    }

    func callCount(_ name: String) -> Int {
        self.state.withLock { $0.calls[name] ?? 0 }
    }

    private func record(_ name: String) throws -> State {
        try self.state.withLock { state in
            state.calls[name, default: 0] += 1
            if state.failing { throw Unavailable() }
            return state
        }
    }

    func summaries(ids: [String]) async throws -> [String: UserSummary] {
        let state = try self.record("summaries")
        var result: [String: UserSummary] = [:]
        for id in ids where state.users.contains(id) {
            result[id] = UserSummary(
                id: id,
                username: "user-" + id.prefix(8),
                firstName: "First",
                lastName: "Last",
                avatarURL: nil
            )
        }
        return result
    }

    func teamMemberIDs(teamID: String) async throws -> [String] {
        try self.record("teamMemberIDs").teams[teamID] ?? []
    }

    func isTeamMember(userID: String, teamID: String) async throws -> Bool {
        try self.record("isTeamMember").teams[teamID]?.contains(userID) ?? false
    }

    func isOrganizationMember(userID: String, organizationID: String) async throws -> Bool {
        try self.record("isOrganizationMember").organizations[organizationID]?.contains(userID) ?? false
    }

    func teamIDs(of userID: String) async throws -> [String] {
        try self.record("teamIDs").teams.filter { $0.value.contains(userID) }.map(\.key)
    }
}

/// A tasks service in memory that records the tasks it was asked to create, or fails on request.
final class FakeTasks: TaskClient {
    struct Call: Sendable {
        var drafts: [TaskDraft]
        var projectID: String
        var reporterID: String
    }

    struct Failure: Error {}

    let calls = Mutex<[Call]>([])
    let failing = Mutex(false)

    func createTasks(_ drafts: [TaskDraft], in projectID: String, reporterID: String) async throws -> [String] {
        if self.failing.withLock({ $0 }) { throw Failure() }
        self.calls.withLock { $0.append(Call(drafts: drafts, projectID: projectID, reporterID: reporterID)) }
        return drafts.map { _ in UUID().uuidString.lowercased() }
    }
}
