import Foundation

/// An issue as read from a GitHub REST API export, before any cleanup for Cairn's limits.
public struct GitHubIssue: Sendable, Equatable {
    public var number: Int
    /// Empty when the record has none.
    public var title: String
    /// Empty when the record has none or `null`.
    public var body: String
    public var isClosed: Bool
    /// Label names in the record's order, possibly with repeats.
    public var labels: [String]
    public var milestone: GitHubMilestone?
    /// The login of the user who opened the issue.
    public var authorLogin: String?
    /// `assignee` first, then the other `assignees`, without repeats.
    public var assigneeLogins: [String]
    public var createdAt: Date?
    public var updatedAt: Date?
    public var closedAt: Date?
    /// The repository named by `repository_url`, `url` or `html_url`.
    public var repository: GitHubRepository?

    public init(
        number: Int,
        title: String = "",
        body: String = "",
        isClosed: Bool = false,
        labels: [String] = [],
        milestone: GitHubMilestone? = nil,
        authorLogin: String? = nil,
        assigneeLogins: [String] = [],
        createdAt: Date? = nil,
        updatedAt: Date? = nil,
        closedAt: Date? = nil,
        repository: GitHubRepository? = nil
    ) {
        self.number = number
        self.title = title
        self.body = body
        self.isClosed = isClosed
        self.labels = labels
        self.milestone = milestone
        self.authorLogin = authorLogin
        self.assigneeLogins = assigneeLogins
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.closedAt = closedAt
        self.repository = repository
    }
}

/// A milestone object embedded in an issue.
public struct GitHubMilestone: Sendable, Equatable {
    /// The milestone's number within its repository.
    public var number: Int
    public var title: String
    public var description: String?
    /// A timestamp whose UTC date is the due date.
    public var dueOn: Date?
    public var isClosed: Bool
    public var createdAt: Date?
    public var updatedAt: Date?
    public var closedAt: Date?

    public init(
        number: Int,
        title: String,
        description: String? = nil,
        dueOn: Date? = nil,
        isClosed: Bool = false,
        createdAt: Date? = nil,
        updatedAt: Date? = nil,
        closedAt: Date? = nil
    ) {
        self.number = number
        self.title = title
        self.description = description
        self.dueOn = dueOn
        self.isClosed = isClosed
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.closedAt = closedAt
    }
}

/// A repository, `owner/name`.
public struct GitHubRepository: Sendable, Hashable, CustomStringConvertible {
    public var owner: String
    public var name: String

    public init(owner: String, name: String) {
        self.owner = owner
        self.name = name
    }

    public var description: String { "\(self.owner)/\(self.name)" }

    /// Returns the repository named by a web URL (`https://github.com/OWNER/NAME/…`) or a REST API URL
    /// (`https://api.github.com/repos/OWNER/NAME/…`, also on GitHub Enterprise hosts), or nil for other text.
    public static func parse(url: String) -> GitHubRepository? {
        guard let components = URLComponents(string: url), let host = components.host?.lowercased() else { return nil }
        let segments = components.path.split(separator: "/").map(String.init)
        let rest: ArraySlice<String>
        if host == "github.com" || host == "www.github.com" {
            rest = segments[...]
        } else if let repos = segments.firstIndex(of: "repos") {
            rest = segments[(repos + 1)...]
        } else {
            return nil
        }
        guard rest.count >= 2 else { return nil }
        let owner = rest[rest.startIndex]
        let name = rest[rest.startIndex + 1]
        guard !owner.isEmpty, !name.isEmpty else { return nil }
        return GitHubRepository(owner: owner, name: name)
    }
}
