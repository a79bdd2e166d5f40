import Foundation
import GitHubImport
import HTTPServer
import Testing

/// Parses one record of inline JSON text.
private func parse(_ json: String) throws -> GitHubRecord {
    GitHubRecordParser.parse(try JSONParser().parse(Array(json.utf8)))
}

private func issue(_ json: String) throws -> GitHubIssue {
    guard case .issue(let issue) = try parse(json) else {
        Issue.record("expected an issue from \(json)")
        throw CancellationError()
    }
    return issue
}

private func date(_ text: String) -> Date {
    ISO8601DateFormatter().date(from: text)!
}

@Suite struct GitHubRecordParserTests {
    /// The shape of a 2017 export by the npm `github-api` client: every key present, nulls written out.
    @Test func restShapeOf2017() throws {
        let parsed = try issue(
            """
            {"url": "https://api.github.com/repos/alibaba/weex/issues/12",
             "repository_url": "https://api.github.com/repos/alibaba/weex",
             "html_url": "https://github.com/alibaba/weex/issues/12", "id": 147691814, "number": 12,
             "title": "can't transfer attribute", "user": {"login": "user-0001", "id": 1},
             "labels": [{"id": 1, "name": "android", "color": "fbca04", "default": false},
                        {"id": 2, "name": "bug", "color": "ee0701", "default": true}],
             "state": "closed", "locked": false,
             "assignee": {"login": "user-0002", "id": 2},
             "assignees": [{"login": "user-0002", "id": 2}, {"login": "user-0003", "id": 3}],
             "milestone": {"url": "https://api.github.com/repos/alibaba/weex/milestones/1", "id": 1733812,
                           "number": 1, "title": "0530", "description": "", "state": "open",
                           "created_at": "2016-04-27T11:24:09Z", "updated_at": "2016-10-10T17:14:51Z",
                           "due_on": "2016-05-29T07:00:00Z", "closed_at": null},
             "comments": 3, "created_at": "2016-04-12T03:17:47Z", "updated_at": "2016-04-13T01:00:00Z",
             "closed_at": "2016-04-13T00:59:59Z", "body": "Steps:\\r\\n1. open", "closed_by": {"login": "user-0004"}}
            """
        )

        #expect(parsed.number == 12)
        #expect(parsed.title == "can't transfer attribute")
        #expect(parsed.body == "Steps:\r\n1. open")
        #expect(parsed.isClosed)
        #expect(parsed.labels == ["android", "bug"])
        #expect(parsed.authorLogin == "user-0001")
        #expect(parsed.assigneeLogins == ["user-0002", "user-0003"])
        #expect(parsed.createdAt == date("2016-04-12T03:17:47Z"))
        #expect(parsed.updatedAt == date("2016-04-13T01:00:00Z"))
        #expect(parsed.closedAt == date("2016-04-13T00:59:59Z"))
        #expect(parsed.repository == GitHubRepository(owner: "alibaba", name: "weex"))
        let milestone = try #require(parsed.milestone)
        #expect(milestone.number == 1)
        #expect(milestone.title == "0530")
        #expect(milestone.description == "")
        #expect(milestone.dueOn == date("2016-05-29T07:00:00Z"))
        #expect(!milestone.isClosed)
        #expect(milestone.closedAt == nil)
    }

    /// The shape that the Rust octocrab types write: keys whose value is null are left out.
    @Test func octocrabShapeWithoutNulls() throws {
        let parsed = try issue(
            """
            {"id": 30215023, "node_id": "MDU6SXNzdWUzMDIxNTAyMw==",
             "url": "https://api.github.com/repos/bitcoin-core/secp256k1/issues/3",
             "repository_url": "https://api.github.com/repos/bitcoin-core/secp256k1",
             "number": 3, "state": "open", "state_reason": "reopened", "title": "Write a README",
             "user": {"login": "user-0934", "id": 934, "name": null, "patch_url": null},
             "labels": [], "assignees": [], "locked": false, "comments": 0,
             "created_at": "2014-03-26T14:20:30Z", "updated_at": "2014-06-15T23:06:58Z"}
            """
        )

        #expect(parsed.number == 3)
        #expect(parsed.body == "")
        #expect(!parsed.isClosed)
        #expect(parsed.labels == [])
        #expect(parsed.milestone == nil)
        #expect(parsed.authorLogin == "user-0934")
        #expect(parsed.assigneeLogins == [])
        #expect(parsed.closedAt == nil)
        #expect(parsed.repository?.description == "bitcoin-core/secp256k1")
    }

    /// The list endpoint's shape as pandas writes it: `"pull_request": null` and `"draft": null` on issues.
    @Test func pandasShapeWithNullPullRequest() throws {
        let parsed = try issue(
            """
            {"url": "https://api.github.com/repos/huggingface/datasets/issues/6566",
             "repository_url": "https://api.github.com/repos/huggingface/datasets", "number": 6566,
             "title": "bf16 error", "user": {"login": "user-1313"}, "labels": [], "state": "open",
             "assignee": null, "assignees": [], "milestone": null, "comments": 0,
             "created_at": "2024-01-08T02:37:03Z", "updated_at": "2024-01-08T02:37:03Z", "closed_at": null,
             "body": null, "draft": null, "pull_request": null, "state_reason": null}
            """
        )

        #expect(parsed.number == 6566)
        #expect(parsed.body == "")
        #expect(!parsed.isClosed)
        #expect(parsed.assigneeLogins == [])
    }

    @Test func pullRequestObjectIsSkipped() throws {
        let record = try parse(
            """
            {"number": 6565, "title": "Fix", "draft": false, "state": "open",
             "pull_request": {"url": "https://api.github.com/repos/huggingface/datasets/pulls/6565", "merged_at": null}}
            """
        )

        #expect(record == .pullRequest(number: 6565))
    }

    @Test func pullRequestWebAddressIsSkipped() throws {
        let record = try parse(#"{"number": 7, "html_url": "https://github.com/o/r/pull/7", "state": "closed"}"#)

        #expect(record == .pullRequest(number: 7))
    }

    @Test func labelsAsStringsAndLoginsAsText() throws {
        let parsed = try issue(
            #"{"number": 5, "labels": ["bug", {"name": "ui"}, 3], "user": "ada", "assignee": "bob"}"#
        )

        #expect(parsed.labels == ["bug", "ui"])
        #expect(parsed.authorLogin == "ada")
        #expect(parsed.assigneeLogins == ["bob"])
    }

    @Test func assigneesWithoutAssignee() throws {
        let parsed = try issue(#"{"number": 5, "assignees": [{"login": "bob"}, {"login": "cy"}, {"login": "bob"}]}"#)

        #expect(parsed.assigneeLogins == ["bob", "cy"])
    }

    @Test func epochMillisecondTimestamps() throws {
        let parsed = try issue(#"{"number": 5, "created_at": 1704681423000, "closed_at": 1704681424500}"#)

        #expect(parsed.createdAt == date("2024-01-08T02:37:03Z"))
        #expect(parsed.closedAt == Date(timeIntervalSince1970: 1_704_681_424.5))
        #expect(parsed.isClosed, "a record without state but with closed_at counts as closed")
    }

    @Test func backupWrapperIsUnwrapped() throws {
        let parsed = try issue(#"{"type": "issue", "issue": {"number": 9, "title": "Wrapped"}, "events": []}"#)

        #expect(parsed.number == 9)
        #expect(parsed.title == "Wrapped")
    }

    @Test func milestoneNumberFromURL() throws {
        let parsed = try issue(
            #"{"number": 1, "milestone": {"url": "https://api.github.com/repos/o/r/milestones/4", "title": "v1", "state": "closed"}}"#
        )

        #expect(parsed.milestone?.number == 4)
        #expect(parsed.milestone?.isClosed == true)
    }

    @Test(arguments: [
        (#"[1, 2]"#, "not a JSON object"),
        (#"{"title": "No number"}"#, "no positive issue number"),
        (#"{"number": 0}"#, "no positive issue number"),
        (#"{"number": 4, "state": "merged"}"#, "neither open nor closed"),
    ])
    func invalidRecordIsRejected(json: String, reason: String) throws {
        guard case .rejected(let message) = try parse(json) else {
            Issue.record("\(json) was not rejected")
            return
        }
        #expect(message.contains(reason), "\(message)")
    }

    @Test(arguments: [
        ("https://api.github.com/repos/bitcoin-core/secp256k1", "bitcoin-core/secp256k1"),
        ("https://api.github.com/repos/alibaba/weex/issues/12", "alibaba/weex"),
        ("https://github.com/huggingface/datasets/issues/6566", "huggingface/datasets"),
        ("https://ghe.example.com/api/v3/repos/team/tool/issues/1", "team/tool"),
    ])
    func repositoryFromURL(url: String, expected: String) {
        #expect(GitHubRepository.parse(url: url)?.description == expected)
    }

    @Test func repositoryFromOtherURLIsNil() {
        #expect(GitHubRepository.parse(url: "https://example.com/a/b") == nil)
        #expect(GitHubRepository.parse(url: "not a url") == nil)
    }
}
