import Platform

extension TaskService {
    /// How long a task answer waits for assignee summaries before it answers with `assignee: null`.
    static let assigneeTimeout: Duration = .milliseconds(200)

    /// Summaries of `ids` in one call to the users service, or an empty map when that call fails or takes longer
    /// than `assigneeTimeout`; callers then show `assignee: null` and keep `assignee_id`.
    func assigneeSummaries(_ ids: Set<String>) async -> [String: UserSummary] {
        guard !ids.isEmpty else { return [:] }
        let users = self.users
        let list = Array(ids)
        switch await Deadline.value(within: Self.assigneeTimeout, { try await users.summaries(ids: list) }) {
        case .success(let summaries)?:
            return summaries
        case .failure(let error)?:
            self.userLookupFailed.log(metadata: ["error": String(describing: error), "user.count": String(list.count)])
            return [:]
        case nil:
            self.userLookupTimedOut.log(metadata: ["user.count": String(list.count)])
            return [:]
        }
    }

    /// The summary of `assigneeID`, with the same time limit; nil without an assignee.
    func assigneeSummary(_ assigneeID: String?) async -> UserSummary? {
        guard let assigneeID else { return nil }
        return await self.assigneeSummaries([assigneeID])[assigneeID]
    }
}
