import Foundation
import HTTPServer
import Platform

/// The kind of one record of an issue export.
public enum GitHubRecord: Sendable, Equatable {
    case issue(GitHubIssue)
    /// The list endpoint returns pull requests among issues; they carry a non-null `pull_request` object.
    case pullRequest(number: Int)
    /// A record that is no issue at all, with the reason.
    case rejected(reason: String)
}

/// Reads issue objects of the GitHub REST API in the shapes different clients and API versions wrote them.
///
/// Every field but `number` may be missing or `null`. Labels may be objects with a `name` or plain strings,
/// people may be user objects with a `login` or plain logins, and timestamps RFC 3339 text or milliseconds
/// since 1970 (as pandas writes dates). The backup format `{"type": "issue", "issue": {…}}` is unwrapped.
public enum GitHubRecordParser {
    public static func parse(_ value: JSONValue) -> GitHubRecord {
        guard case .object(var object) = value else {
            return .rejected(reason: "not a JSON object but a \(value.typeName)")
        }
        if object["number"] == nil, case .object(let inner)? = object["issue"] {
            object = inner
        }
        guard let number = Self.integer(object["number"]), number > 0 else {
            return .rejected(reason: "no positive issue number in the \"number\" field")
        }
        if Self.isPullRequest(object) {
            return .pullRequest(number: number)
        }

        let closedAt = Self.date(object["closed_at"])
        let isClosed: Bool
        switch Self.string(object["state"])?.lowercased() {
        case "closed"?: isClosed = true
        case "open"?: isClosed = false
        case nil: isClosed = closedAt != nil
        case let other?:
            return .rejected(reason: "issue #\(number) has the state \"\(other)\", neither open nor closed")
        }

        let author = Self.login(object["user"])
        var assignees: [String] = []
        for login in [Self.login(object["assignee"])] + Self.list(object["assignees"]).map(Self.login) {
            if let login, !assignees.contains(login) {
                assignees.append(login)
            }
        }
        let repository = ["repository_url", "url", "html_url"].lazy
            .compactMap { Self.string(object[$0]).flatMap(GitHubRepository.parse(url:)) }
            .first

        return .issue(
            GitHubIssue(
                number: number,
                title: Self.string(object["title"]) ?? "",
                body: Self.string(object["body"]) ?? "",
                isClosed: isClosed,
                labels: Self.list(object["labels"]).compactMap(Self.labelName),
                milestone: Self.milestone(object["milestone"]),
                authorLogin: author,
                assigneeLogins: assignees,
                createdAt: Self.date(object["created_at"]),
                updatedAt: Self.date(object["updated_at"]),
                closedAt: closedAt,
                repository: repository
            )
        )
    }

    /// True for a pull request: a non-null `pull_request` member, or a web address under `/pull/`.
    /// Pandas writes `"pull_request": null` for the issues of a list, so the key alone proves nothing.
    private static func isPullRequest(_ object: JSONObject) -> Bool {
        if let marker = object["pull_request"], marker != .null {
            return true
        }
        return Self.string(object["html_url"])?.contains("/pull/") ?? false
    }

    private static func milestone(_ value: JSONValue?) -> GitHubMilestone? {
        guard case .object(let object)? = value else { return nil }
        let number = Self.integer(object["number"]) ?? Self.string(object["url"]).flatMap(Self.lastPathNumber)
        guard let number else { return nil }
        return GitHubMilestone(
            number: number,
            title: Self.string(object["title"]) ?? "",
            description: Self.string(object["description"]),
            dueOn: Self.date(object["due_on"]),
            isClosed: Self.string(object["state"])?.lowercased() == "closed",
            createdAt: Self.date(object["created_at"]),
            updatedAt: Self.date(object["updated_at"]),
            closedAt: Self.date(object["closed_at"])
        )
    }

    private static func labelName(_ value: JSONValue) -> String? {
        switch value {
        case .string(let name): name
        case .object(let object): Self.string(object["name"])
        default: nil
        }
    }

    private static func login(_ value: JSONValue?) -> String? {
        let login: String?
        switch value {
        case .string(let text)?: login = text
        case .object(let object)?: login = Self.string(object["login"])
        default: login = nil
        }
        guard let login, !login.isEmpty else { return nil }
        return login
    }

    private static func string(_ value: JSONValue?) -> String? {
        guard case .string(let text)? = value else { return nil }
        return text
    }

    private static func list(_ value: JSONValue?) -> [JSONValue] {
        guard case .array(let items)? = value else { return [] }
        return items
    }

    /// Reads an integer written as a JSON integer, a whole floating-point number or decimal digits.
    private static func integer(_ value: JSONValue?) -> Int? {
        switch value {
        case .int(let number)?: return Int(exactly: number)
        case .double(let number)?: return Int(exactly: number)
        case .string(let text)?: return Int(text)
        default: return nil
        }
    }

    private static func date(_ value: JSONValue?) -> Date? {
        switch value {
        case .string(let text)?: return Timestamp.parse(text)
        case .int(let milliseconds)?: return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        default: return nil
        }
    }

    /// Returns the number at the end of a URL such as `…/milestones/5`.
    private static func lastPathNumber(_ url: String) -> Int? {
        url.split(separator: "/").last.flatMap { Int($0) }
    }
}
