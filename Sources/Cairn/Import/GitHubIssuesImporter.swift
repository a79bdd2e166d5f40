import AuthService
import Foundation
import GitHubImport
import HTTPServer
import Platform
import ProjectService
import TaskService

/// Imports one repository's issues: the project, its milestones, placeholder members for the people, and the
/// tasks, each written by the service that owns it. Every row carries a source reference, so a second run
/// over the same file finds what the first made and creates nothing new.
struct GitHubIssuesImporter {
    /// Maximum tasks written in one transaction.
    static let maxBatchSize = 200
    /// Minimum tasks written in one transaction. Between the two, a batch is a twentieth of the tasks, so that
    /// progress moves in steps of about 5%.
    static let minBatchSize = 25

    static let limits = TextLimits(
        maxTitleLength: TaskImport.maxTitleLength,
        maxBodyLength: TaskImport.maxDescriptionLength,
        maxLabels: TaskImport.maxLabels,
        maxLabelLength: TaskImport.maxLabelLength,
        maxMilestoneNameLength: MilestoneImport.maxNameLength,
        maxMilestoneDescriptionLength: MilestoneImport.maxDescriptionLength
    )

    let auth: AuthService
    let projects: ProjectService
    let tasks: TaskService
    let progress: ImportProgress

    /// Imports `export` into the project `projectKey`, owned by the active user with `ownerEmail`.
    ///
    /// - Throws: ``ImportError`` when the owner does not exist, the key belongs to another project, or a
    ///   service rejects a whole step.
    func run(
        _ export: GitHubExport,
        comments: GitHubComments?,
        projectKey: String,
        ownerEmail: String
    ) async throws
        -> GitHubImportReport
    {
        var report = GitHubImportReport()
        report.repository = export.repository?.description ?? "an unknown repository"
        report.pullRequestsSkipped = export.pullRequestCount
        report.duplicateRowsSkipped = export.duplicateCount
        report.rejected = export.rejected
        // NOTE: comments are only counted, because there is no comments service to write them to yet. With
        // one, each comment can go to its issue's task, by `issue_url`, with a placeholder as its author.
        report.commentsSkipped = comments?.total
        let sourcePrefix = "github:" + (export.repository?.description ?? "unknown-repository")

        guard let ownerID = try await self.auth.activeUserID(email: ownerEmail) else {
            throw ImportError(
                "no active user has the email \(ownerEmail): register that account or make it with "
                    + "`cairn create-admin`, then run the import again"
            )
        }

        let project = try await self.importProject(
            export,
            key: projectKey,
            sourcePrefix: sourcePrefix,
            ownerID: ownerID,
            into: &report
        )
        let milestoneIDs = try await self.importMilestones(
            export,
            projectID: project,
            sourcePrefix: sourcePrefix,
            ownerID: ownerID,
            into: &report
        )
        let userIDs = try await self.importPeople(export, projectID: project, ownerID: ownerID, into: &report)

        let drafts = self.taskImports(
            export,
            sourcePrefix: sourcePrefix,
            milestoneIDs: milestoneIDs,
            userIDs: userIDs,
            ownerID: ownerID,
            into: &report
        )
        try await self.importTasks(drafts, projectID: project, ownerID: ownerID, into: &report)
        return report
    }

    /// Creates the project, or finds the one that an earlier import of this repository made under `key`.
    private func importProject(
        _ export: GitHubExport,
        key: String,
        sourcePrefix: String,
        ownerID: String,
        into report: inout GitHubImportReport
    ) async throws -> String {
        let name = TextCleanup.line(
            export.repository?.name ?? key,
            maxLength: ProjectImport.maxNameLength,
            field: "project name",
            fallback: key
        ).value
        let description = export.repository.map { "Issues of https://github.com/\($0), imported from GitHub." }
        let request = ProjectImport(
            key: key,
            name: name,
            description: description,
            sourceRef: sourcePrefix,
            ownerID: ownerID
        )
        do {
            let project = try await self.projects.importProject(request)
            report.projectKey = key
            report.projectName = name
            report.projectCreated = project.created
            self.progress.say(
                "Project \(key) \"\(name)\": " + (project.created ? "created" : "found from an earlier import")
            )
            return project.id
        } catch let error as HTTPError {
            throw ImportError("Creating project \(key)", error)
        }
    }

    /// Creates the milestones that the project lacks and returns every milestone id by source reference.
    private func importMilestones(
        _ export: GitHubExport,
        projectID: String,
        sourcePrefix: String,
        ownerID: String,
        into report: inout GitHubImportReport
    ) async throws -> [String: String] {
        let milestones = export.milestones
        guard !milestones.isEmpty else { return [:] }

        var imports: [MilestoneImport] = []
        for milestone in milestones {
            let subject = "milestone \(milestone.number)"
            let name = TextCleanup.line(
                milestone.title,
                maxLength: Self.limits.maxMilestoneNameLength,
                field: "\(subject): name",
                fallback: "Milestone \(milestone.number)"
            )
            let description = milestone.description.map {
                TextCleanup.text(
                    $0,
                    maxLength: Self.limits.maxMilestoneDescriptionLength,
                    field: "\(subject): description"
                )
            }
            report.notes += name.notes + (description?.notes ?? [])
            imports.append(
                MilestoneImport(
                    sourceRef: Self.milestoneRef(sourcePrefix, milestone.number),
                    name: name.value,
                    description: description?.value,
                    dueDate: milestone.dueOn.map(Self.calendarDate),
                    isCompleted: milestone.isClosed,
                    completedAt: milestone.closedAt,
                    createdAt: milestone.createdAt,
                    updatedAt: milestone.updatedAt
                )
            )
        }

        let records: [String: ImportedRecord]
        do {
            records = try await self.projects.importMilestones(imports, into: projectID, actorID: ownerID)
        } catch let error as HTTPError {
            throw ImportError("Creating milestones", error)
        }
        var ids: [String: String] = [:]
        for item in imports {
            guard let record = records[item.sourceRef] else { continue }
            ids[item.sourceRef] = record.id
            if record.created {
                report.milestonesCreated += 1
            } else {
                report.milestonesExisting += 1
            }
        }
        self.progress.say("Milestones: \(report.milestonesCreated) created, \(report.milestonesExisting) existing")
        return ids
    }

    /// Finds or creates a placeholder account for every person, makes them project members, and returns their
    /// user ids by GitHub login. People whose username a registered account has are left out with a note.
    private func importPeople(
        _ export: GitHubExport,
        projectID: String,
        ownerID: String,
        into report: inout GitHubImportReport
    ) async throws -> [String: String] {
        let logins = export.people
        guard !logins.isEmpty else { return [:] }

        let usernames = logins.map { PlaceholderUsername.make(login: $0) }
        let outcomes: [String: PlaceholderOutcome]
        do {
            outcomes = try await self.auth.createPlaceholderUsers(usernames: usernames)
        } catch let error as HTTPError {
            throw ImportError("Creating placeholder users", error)
        }

        var userIDs: [String: String] = [:]
        for (login, username) in zip(logins, usernames) {
            switch outcomes[username] {
            case .created(let id)?:
                userIDs[login] = id
                report.placeholdersCreated += 1
            case .existing(let id)?:
                userIDs[login] = id
                report.placeholdersExisting += 1
            case .rejected(let reason)?:
                report.notes.append("GitHub user \(login): \(reason), so the issues keep no link to them")
            case nil:
                report.notes.append("GitHub user \(login): no placeholder was made, so the issues keep no link to them")
            }
        }

        do {
            let members = try await self.projects.addImportedMembers(
                Array(Set(userIDs.values)).sorted(),
                to: projectID,
                role: .member,
                actorID: ownerID
            )
            report.membersAdded = members.added.count
        } catch let error as HTTPError {
            throw ImportError("Adding placeholder members", error)
        }
        self.progress.say(
            "Placeholder members: \(report.placeholdersCreated) created, \(report.placeholdersExisting) existing"
        )
        return userIDs
    }

    /// Builds the tasks of `export` in issue number order, noting every change made to fit them into Cairn.
    private func taskImports(
        _ export: GitHubExport,
        sourcePrefix: String,
        milestoneIDs: [String: String],
        userIDs: [String: String],
        ownerID: String,
        into report: inout GitHubImportReport
    ) -> [(number: Int, task: TaskImport)] {
        let now = Date()
        return export.issues.map { issue in
            let subject = "issue #\(issue.number)"
            let title = TextCleanup.line(
                issue.title,
                maxLength: Self.limits.maxTitleLength,
                field: "\(subject): title",
                fallback: "GitHub issue #\(issue.number)"
            )
            let body = TextCleanup.text(issue.body, maxLength: Self.limits.maxBodyLength, field: "\(subject): body")
            let labels = TextCleanup.labels(
                issue.labels,
                maxCount: Self.limits.maxLabels,
                maxLength: Self.limits.maxLabelLength
            )
            report.notes += title.notes + body.notes + labels.notes.map { "\(subject): \($0)" }

            var reporterID = ownerID
            if let login = issue.authorLogin, let id = userIDs[login] {
                reporterID = id
            } else {
                report.notes.append("\(subject): the author is unknown, so the project owner is the reporter")
            }
            let createdAt = issue.createdAt ?? issue.updatedAt ?? issue.closedAt ?? now
            if issue.createdAt == nil {
                report.notes.append("\(subject): no created_at, so the task was dated \(Timestamp.format(createdAt))")
            }

            let task = TaskImport(
                sourceRef: "\(sourcePrefix)#\(issue.number)",
                title: title.value,
                description: body.value,
                status: issue.isClosed ? "done" : "todo",
                labels: labels.value,
                reporterID: reporterID,
                assigneeID: issue.assigneeLogins.first.flatMap { userIDs[$0] },
                milestoneID: issue.milestone.flatMap { milestoneIDs[Self.milestoneRef(sourcePrefix, $0.number)] },
                createdAt: createdAt,
                updatedAt: issue.updatedAt,
                completedAt: issue.closedAt
            )
            return (issue.number, task)
        }
    }

    /// Writes the tasks in batches of one transaction each, showing progress after every batch.
    private func importTasks(
        _ drafts: [(number: Int, task: TaskImport)],
        projectID: String,
        ownerID: String,
        into report: inout GitHubImportReport
    ) async throws {
        let batchSize = min(Self.maxBatchSize, max(Self.minBatchSize, drafts.count / 20))
        var done = 0
        self.progress.update(done: 0, total: drafts.count, items: "tasks")
        for start in stride(from: 0, to: drafts.count, by: batchSize) {
            let batch = Array(drafts[start..<min(start + batchSize, drafts.count)])
            do {
                let result = try await self.tasks.importTasks(batch.map(\.task), into: projectID, actorID: ownerID)
                report.tasksCreated += result.createdIDs.count
                report.tasksExisting += result.existingRefs.count
            } catch let error as HTTPError where error.status == .badRequest {
                // Validation names the bad tasks by batch index; importing them one by one keeps the others.
                try await self.importOneByOne(batch, projectID: projectID, ownerID: ownerID, into: &report)
            }
            done += batch.count
            self.progress.update(done: done, total: drafts.count, items: "tasks")
        }
    }

    private func importOneByOne(
        _ batch: [(number: Int, task: TaskImport)],
        projectID: String,
        ownerID: String,
        into report: inout GitHubImportReport
    ) async throws {
        for (number, task) in batch {
            do {
                let result = try await self.tasks.importTasks([task], into: projectID, actorID: ownerID)
                report.tasksCreated += result.createdIDs.count
                report.tasksExisting += result.existingRefs.count
            } catch let error as HTTPError where error.status == .badRequest {
                let reason = ImportError.reason(error).replacingOccurrences(of: "tasks[0].", with: "")
                report.rejected.append("issue #\(number): \(reason)")
            }
        }
    }

    private static func milestoneRef(_ sourcePrefix: String, _ number: Int) -> String {
        "\(sourcePrefix)/milestone/\(number)"
    }

    /// Returns the UTC calendar date of `date` as `YYYY-MM-DD`.
    ///
    /// Exports hold due dates as timestamps at 00:00 UTC (2023–2026 exports) or 07:00 UTC (2016 exports), so
    /// the UTC date is the due date.
    private static func calendarDate(_ date: Date) -> String {
        String(Timestamp.format(date).prefix(10))
    }
}
