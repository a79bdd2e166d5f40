import Foundation
import HTTPServer
import Platform
import Synchronization
import Testing

/// A projects client whose answers the test sets and whose calls it counts.
private final class ScriptedAccess: ProjectAccessClient {
    let answers = Mutex<[String: ProjectRole]>([:])
    let calls = Atomic<Int>(0)

    func role(of userID: String, in projectID: String) async throws -> ProjectRole? {
        self.calls.add(1, ordering: .relaxed)
        return self.answers.withLock { $0["\(userID)/\(projectID)"] }
    }

    func roles(of userID: String, in projectIDs: [String]) async throws -> [String: ProjectRole] { [:] }

    func isMember(userID: String, of projectID: String) async throws -> Bool { false }

    func projectID(ofMilestone milestoneID: String) async throws -> String? { nil }
}

@Suite struct CachingProjectAccessClientTests {
    @Test func cachesRolesUntilTheyExpire() async throws {
        let upstream = ScriptedAccess()
        upstream.answers.withLock { $0["u/p"] = .member }
        let cache = CachingProjectAccessClient(wrapping: upstream, ttl: .milliseconds(200), bus: InProcessEventBus())

        #expect(try await cache.role(of: "u", in: "p") == .member)
        upstream.answers.withLock { $0["u/p"] = nil }
        #expect(try await cache.role(of: "u", in: "p") == .member)
        #expect(upstream.calls.load(ordering: .relaxed) == 1)

        try await Task.sleep(for: .milliseconds(250))
        #expect(try await cache.role(of: "u", in: "p") == nil)
        #expect(upstream.calls.load(ordering: .relaxed) == 2)
    }

    @Test func neverCachesMissingAccess() async throws {
        let upstream = ScriptedAccess()
        let cache = CachingProjectAccessClient(wrapping: upstream, ttl: .seconds(5), bus: InProcessEventBus())

        #expect(try await cache.role(of: "u", in: "p") == nil)
        upstream.answers.withLock { $0["u/p"] = .viewer }
        #expect(try await cache.role(of: "u", in: "p") == .viewer)
    }

    @Test func memberRemovalEventDropsTheProjectsAnswers() async throws {
        let upstream = ScriptedAccess()
        upstream.answers.withLock { $0["u/p"] = .owner }
        let bus = InProcessEventBus()
        let cache = CachingProjectAccessClient(wrapping: upstream, ttl: .seconds(5), bus: bus)
        #expect(try await cache.role(of: "u", in: "p") == .owner)

        upstream.answers.withLock { $0["u/p"] = nil }
        try await bus.publish(
            Event(
                type: "project.member_removed",
                producer: "projects",
                actorID: nil,
                data: ["project_id": "p", "user_id": "u"]
            )
        )
        #expect(try await cache.role(of: "u", in: "p") == nil)
    }
}
