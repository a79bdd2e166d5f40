/// The counts and messages of one `cairn import github-issues` run.
struct GitHubImportReport {
    var repository = ""
    var projectKey = ""
    var projectName = ""
    var projectCreated = false
    var milestonesCreated = 0
    var milestonesExisting = 0
    var tasksCreated = 0
    var tasksExisting = 0
    var pullRequestsSkipped = 0
    var duplicateRowsSkipped = 0
    var placeholdersCreated = 0
    var placeholdersExisting = 0
    /// Placeholders that became project members in this run; the others were members already.
    var membersAdded = 0
    /// Comments in the comment file; nil when none was given.
    var commentsSkipped: Int?
    /// Changes made to fit the data into Cairn, such as shortened titles, one line each.
    var notes: [String] = []
    /// Records that were not imported, one line each with the reason.
    var rejected: [String] = []
    /// Wall-clock time of the whole command, from reading the files to delivering the last event.
    var seconds = 0.0

    /// The summary printed at the end of the import.
    var lines: [String] {
        var lines = [
            "Project: \(self.projectKey) \"\(self.projectName)\" from \(self.repository), "
                + (self.projectCreated ? "created" : "existing"),
            "Milestones: \(self.milestonesCreated) created, \(self.milestonesExisting) existing",
            "Tasks: \(self.tasksCreated) created, \(self.tasksExisting) existing",
            "Pull requests skipped: \(self.pullRequestsSkipped)",
            "Duplicate rows skipped: \(self.duplicateRowsSkipped)",
            "Placeholder members: \(self.placeholdersCreated) created, \(self.placeholdersExisting) existing, "
                + "\(self.membersAdded) added to the project",
        ]
        if let comments = self.commentsSkipped {
            lines.append("Comments skipped: \(comments), because Cairn has no comments service yet")
        }
        lines.append("Notes: \(self.notes.count)")
        lines += self.notes.map { "  " + $0 }
        lines.append("Rejected records: \(self.rejected.count)")
        lines += self.rejected.map { "  " + $0 }
        lines.append("Finished in \(Self.format(seconds: self.seconds)) s")
        return lines
    }

    private static func format(seconds: Double) -> String {
        let tenths = Int((seconds * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
