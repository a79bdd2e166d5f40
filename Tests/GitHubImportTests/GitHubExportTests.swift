import GitHubImport
import Testing

@Suite struct GitHubExportTests {
    @Test func jsonArrayInNumberOrder() throws {
        let export = try GitHubExport(
            bytes: Array(
                """
                [
                {"number": 3, "title": "Three", "repository_url": "https://api.github.com/repos/o/r"},
                {"number": 1, "title": "One", "repository_url": "https://api.github.com/repos/o/r"}
                ]
                """.utf8
            )
        )

        #expect(export.issues.map(\.number) == [1, 3])
        #expect(export.repository?.description == "o/r")
        #expect(export.rejected == [])
    }

    /// JSON Lines with the duplicates and pull requests of a list export that was paged from page 0.
    @Test func jsonLinesWithDuplicatesAndPullRequests() throws {
        let lines = [
            #"{"number": 10, "title": "Issue", "pull_request": null, "updated_at": "2024-01-02T00:00:00Z"}"#,
            #"{"number": 11, "title": "PR", "pull_request": {"url": "u"}}"#,
            #"{"number": 10, "title": "Issue", "pull_request": null, "updated_at": "2024-01-02T00:00:00Z"}"#,
            #"{"number": 11, "title": "PR", "pull_request": {"url": "u"}}"#,
            "",
            #"{"number": 12, "title": "Newer copy", "updated_at": "2024-01-05T00:00:00Z"}"#,
            #"{"number": 12, "title": "Older copy", "updated_at": "2024-01-04T00:00:00Z"}"#,
        ]
        let export = try GitHubExport(bytes: Array(lines.joined(separator: "\n").utf8))

        #expect(export.issues.map(\.number) == [10, 12])
        #expect(export.issues.last?.title == "Newer copy")
        #expect(export.pullRequestCount == 1)
        #expect(export.duplicateCount == 3)
    }

    @Test func brokenLineIsRejectedAlone() throws {
        let export = try GitHubExport(bytes: Array("{\"number\": 1}\n{\"number\": \n{\"number\": 2}\n".utf8))

        #expect(export.issues.map(\.number) == [1, 2])
        #expect(export.rejected.count == 1)
        #expect(export.rejected.first?.hasPrefix("line 2: not valid JSON") == true)
    }

    @Test func byteOrderMarkAndSingleObject() throws {
        let export = try GitHubExport(bytes: [0xEF, 0xBB, 0xBF] + Array("{\n  \"number\": 8\n}\n".utf8))

        #expect(export.issues.map(\.number) == [8])
    }

    @Test func issueOfOtherRepositoryIsRejected() throws {
        let export = try GitHubExport(
            bytes: Array(
                """
                [{"number": 1, "url": "https://api.github.com/repos/o/r/issues/1"},
                 {"number": 2, "url": "https://api.github.com/repos/o/other/issues/2"},
                 {"number": 3, "url": "https://api.github.com/repos/O/R/issues/3"}]
                """.utf8
            )
        )

        #expect(export.issues.map(\.number) == [1, 3])
        #expect(export.rejected == ["record 2: issue #2 belongs to o/other, not o/r"])
    }

    @Test(arguments: ["", "  \n", "[1, 2", "[{\"number\": 1}] trailing"])
    func unreadableFileThrows(text: String) {
        #expect(throws: ExportFileError.self) { try GitHubExport(bytes: Array(text.utf8)) }
    }

    @Test func invalidOnlyLineIsRejected() throws {
        let export = try GitHubExport(bytes: Array("{\"number\": 1} trailing".utf8))

        #expect(export.issues.isEmpty)
        #expect(export.rejected.count == 1)
    }

    @Test func milestonesAndPeople() throws {
        let export = try GitHubExport(
            bytes: Array(
                """
                [{"number": 1, "user": {"login": "ada"}, "assignee": {"login": "bob"},
                  "milestone": {"number": 2, "title": "old name", "updated_at": "2020-01-01T00:00:00Z"}},
                 {"number": 2, "user": {"login": "bob"}, "assignees": [{"login": "cy"}],
                  "milestone": {"number": 2, "title": "new name", "updated_at": "2021-01-01T00:00:00Z"}},
                 {"number": 3, "user": {"login": "ada"},
                  "milestone": {"number": 1, "title": "first"}}]
                """.utf8
            )
        )

        #expect(export.milestones.map(\.number) == [1, 2])
        #expect(export.milestones.map(\.title) == ["first", "new name"])
        #expect(export.people == ["ada", "bob", "cy"])
    }

    @Test func commentsCountedByIssue() throws {
        let comments = try GitHubComments(
            bytes: Array(
                """
                [{"id": 1, "issue_url": "https://api.github.com/repos/o/r/issues/3", "body": "a"},
                 {"id": 2, "issue_url": "https://api.github.com/repos/o/r/issues/3", "body": "b"},
                 {"id": 3, "issue_url": "https://api.github.com/repos/o/r/issues/4", "body": "c"},
                 {"id": 4, "body": "no link"}]
                """.utf8
            )
        )

        #expect(comments.countByIssue == [3: 2, 4: 1])
        #expect(comments.unlinked.count == 1)
        #expect(comments.total == 4)
    }
}
