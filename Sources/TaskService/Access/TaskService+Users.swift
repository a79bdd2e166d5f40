import Platform

extension TaskService {
    /// The time a task response waits for assignee summaries before it goes out with `assignee: null`.
    static let assigneeTimeout: Duration = .milliseconds(200)

    /// Fetches the summaries of `ids` in one call to the users service. Returns an empty map when that call fails
    /// or takes longer than `assigneeTimeout`, so callers show `assignee: null` and keep `assignee_id`.
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

    /// Fetches the summary of `assigneeID` with the same time limit; nil without an assignee.
    func assigneeSummary(_ assigneeID: String?) async -> UserSummary? {
        guard let assigneeID else { return nil }
        return await self.assigneeSummaries([assigneeID])[assigneeID]
    }
}
