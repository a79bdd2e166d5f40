import Foundation

/// The issues of one repository read from an export file: pull requests left out, one issue per number, in
/// number order.
public struct GitHubExport: Sendable {
    /// The repository of the first issue that names one; nil when none does.
    public var repository: GitHubRepository?
    public var issues: [GitHubIssue]
    /// Distinct pull request numbers that were left out.
    public var pullRequestCount: Int
    /// Rows left out because an earlier or fresher row had the same number.
    public var duplicateCount: Int
    /// One line per record that is not an issue of `repository`, naming the record and the reason.
    public var rejected: [String]

    /// Reads an export file: a JSON array of issue objects, or JSON Lines.
    ///
    /// - Throws: ``ExportFileError`` when the file as a whole cannot be read.
    public init(bytes: [UInt8]) throws(ExportFileError) {
        let (records, problems) = try ExportRecords.read(bytes)
        self.init(records: records)
        self.rejected.insert(contentsOf: problems, at: 0)
    }

    /// Collects the issues of `records`. Of two rows with one number, the one with the later `updated_at` is
    /// kept, or the later row when that does not decide.
    public init(records: [ExportRecord]) {
        self.repository = nil
        self.issues = []
        self.pullRequestCount = 0
        self.duplicateCount = 0
        self.rejected = []

        var pullRequests: Set<Int> = []
        var byNumber: [Int: GitHubIssue] = [:]
        for record in records {
            switch GitHubRecordParser.parse(record.value) {
            case .pullRequest(let number):
                if !pullRequests.insert(number).inserted {
                    self.duplicateCount += 1
                }
            case .rejected(let reason):
                self.rejected.append("\(record.position): \(reason)")
            case .issue(let issue):
                if self.repository == nil {
                    self.repository = issue.repository
                }
                if let repository = issue.repository, let expected = self.repository,
                    repository.description.lowercased() != expected.description.lowercased()
                {
                    self.rejected.append(
                        "\(record.position): issue #\(issue.number) belongs to \(repository), not \(expected)"
                    )
                    continue
                }
                if let earlier = byNumber[issue.number] {
                    self.duplicateCount += 1
                    if let earlierUpdate = earlier.updatedAt, let update = issue.updatedAt, earlierUpdate > update {
                        continue
                    }
                }
                byNumber[issue.number] = issue
            }
        }
        self.pullRequestCount = pullRequests.count
        self.issues = byNumber.values.sorted { $0.number < $1.number }
    }

    /// The distinct milestones of the issues by number, in number order. When issues carry different copies of
    /// one milestone, the copy with the latest `updated_at` wins.
    public var milestones: [GitHubMilestone] {
        var byNumber: [Int: GitHubMilestone] = [:]
        for milestone in self.issues.compactMap(\.milestone) {
            if let known = byNumber[milestone.number], let knownUpdate = known.updatedAt,
                knownUpdate >= milestone.updatedAt ?? .distantPast
            {
                continue
            }
            byNumber[milestone.number] = milestone
        }
        return byNumber.values.sorted { $0.number < $1.number }
    }

    /// The logins of the people who opened or were assigned issues, in the order they first appear.
    public var people: [String] {
        var seen: Set<String> = []
        var logins: [String] = []
        for issue in self.issues {
            for login in [issue.authorLogin].compactMap({ $0 }) + issue.assigneeLogins where seen.insert(login).inserted
            {
                logins.append(login)
            }
        }
        return logins
    }
}
