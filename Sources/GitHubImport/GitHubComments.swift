import HTTPServer

/// The comments of an issue-comment export, counted by issue. Their text is not kept.
public struct GitHubComments: Sendable {
    /// Comments per issue number, from each comment's `issue_url` (`…/issues/<number>`).
    public var countByIssue: [Int: Int] = [:]
    /// Records without an `issue_url` that ends in an issue number.
    public var unlinked: [String] = []

    public var total: Int { self.countByIssue.values.reduce(0, +) + self.unlinked.count }

    /// Reads a comment export: a JSON array of REST issue-comment objects, or JSON Lines.
    ///
    /// - Throws: ``ExportFileError`` when the file as a whole cannot be read.
    public init(bytes: [UInt8]) throws(ExportFileError) {
        let (records, problems) = try ExportRecords.read(bytes)
        self.unlinked = problems
        for record in records {
            guard case .string(let url)? = record.value["issue_url"],
                let number = url.split(separator: "/").last.flatMap({ Int($0) })
            else {
                self.unlinked.append("\(record.position): no issue_url that ends in an issue number")
                continue
            }
            self.countByIssue[number, default: 0] += 1
        }
    }
}
