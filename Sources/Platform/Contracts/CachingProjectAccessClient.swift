import Foundation
import HTTPServer
import Synchronization

/// A ``ProjectAccessClient`` that keeps roles it looked up for at most `ttl`, the bound that
/// `CAIRN_MEMBERSHIP_CACHE_SECONDS` states.
///
/// Only roles are cached, never "no access", so a new member gets in at once. A removed member loses access when
/// the entry expires, or sooner: the projects service's member and deletion events drop the project's entries as
/// soon as they reach this process.
public final class CachingProjectAccessClient: ProjectAccessClient {
    private struct Key: Hashable {
        var userID: String
        var projectID: String
    }

    private struct Entry {
        var role: ProjectRole
        var expires: ContinuousClock.Instant
    }

    private let upstream: any ProjectAccessClient
    private let ttl: Duration
    /// Entries beyond this are dropped wholesale; a cache this size only ever saves lookups.
    private let capacity: Int
    private let entries = Mutex<[Key: Entry]>([:])

    /// - Parameters:
    ///   - ttl: how long a cached role is trusted. Zero turns caching off.
    ///   - bus: where `project.member_removed`, `project.member_role_changed`, `project.updated` and
    ///     `project.deleted` arrive; each drops the cached roles of its project.
    public init(wrapping upstream: any ProjectAccessClient, ttl: Duration, bus: any EventBus, capacity: Int = 100_000) {
        self.upstream = upstream
        self.ttl = ttl
        self.capacity = capacity
        for type in ["project.member_removed", "project.member_role_changed", "project.updated", "project.deleted"] {
            bus.subscribe(to: type, consumer: "membership-cache") { [weak self] event in
                guard case .string(let projectID)? = event.data["project_id"] else { return }
                self?.invalidate(projectID: projectID)
            }
        }
    }

    public func role(of userID: String, in projectID: String) async throws -> ProjectRole? {
        let key = Key(userID: userID, projectID: projectID)
        let now = ContinuousClock.now
        if let entry = self.entries.withLock({ $0[key] }), entry.expires > now {
            return entry.role
        }

        let role = try await self.upstream.role(of: userID, in: projectID)
        if let role, self.ttl > .zero {
            self.entries.withLock { entries in
                if entries.count >= self.capacity {
                    entries.removeAll(keepingCapacity: true)
                }
                entries[key] = Entry(role: role, expires: now + self.ttl)
            }
        } else {
            self.entries.withLock { _ = $0.removeValue(forKey: key) }
        }
        return role
    }

    public func roles(of userID: String, in projectIDs: [String]) async throws -> [String: ProjectRole] {
        try await self.upstream.roles(of: userID, in: projectIDs)
    }

    public func isMember(userID: String, of projectID: String) async throws -> Bool {
        try await self.upstream.isMember(userID: userID, of: projectID)
    }

    public func projectID(ofMilestone milestoneID: String) async throws -> String? {
        try await self.upstream.projectID(ofMilestone: milestoneID)
    }

    /// Drops every cached role in `projectID`.
    public func invalidate(projectID: String) {
        self.entries.withLock { entries in
            entries = entries.filter { $0.key.projectID != projectID }
        }
    }
}
