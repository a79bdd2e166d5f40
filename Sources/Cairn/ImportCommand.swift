import AuthService
import Foundation
import GitHubImport
import Platform
import ProjectService
import TaskService

/// `cairn import github-issues FILE [--comments FILE] --project-key KEY --owner EMAIL`: one repository's
/// issues from a GitHub REST API export into one project. Running it again over the same file adds nothing.
enum ImportCommand {
    static let usage = """
        Usage: cairn import github-issues FILE [--comments FILE] --project-key KEY --owner EMAIL [settings]

          FILE              GitHub issue objects as the REST API returns them: a JSON array, or JSON Lines
          --comments FILE   the issue comments of the same repository; they are counted and skipped for now
          --project-key KEY 2 to 10 upper-case letters: the project to create or, if an earlier import of
                            this repository made it, to reuse
          --owner EMAIL     the active user who owns the project
        """

    static func run(_ arguments: [String]) async throws -> Int32 {
        guard let kind = arguments.first else {
            throw SettingsError("import needs a source such as github-issues\n\n\(Self.usage)")
        }
        switch kind {
        case "github-issues":
            return try await Self.importGitHubIssues(Array(arguments.dropFirst()))
        case "help", "--help", "-h":
            print(Self.usage)
            return 0
        default:
            throw SettingsError("unknown import source \"\(kind)\"; this build imports github-issues\n\n\(Self.usage)")
        }
    }

    private static func importGitHubIssues(_ arguments: [String]) async throws -> Int32 {
        guard let path = arguments.first, !path.hasPrefix("--") else {
            throw SettingsError("import github-issues needs a FILE of GitHub issues first\n\n\(Self.usage)")
        }
        let (options, rest) = try CommandRunner.extract(
            ["--comments", "--project-key", "--owner"],
            from: Array(arguments.dropFirst())
        )
        guard let key = options["--project-key"], let ownerEmail = options["--owner"] else {
            throw SettingsError("import github-issues needs --project-key and --owner\n\n\(Self.usage)")
        }
        var settings = try Settings.load(arguments: rest, environment: ProcessInfo.processInfo.environment)
        settings.services = ServiceName.all

        let started = Date()
        let progress = ImportProgress()
        let export: GitHubExport
        do {
            export = try GitHubExport(bytes: try Self.contents(of: path))
        } catch let error as ExportFileError {
            throw SettingsError("cannot import \(path): \(error.description)")
        }
        var comments: GitHubComments?
        if let commentsPath = options["--comments"] {
            do {
                comments = try GitHubComments(bytes: try Self.contents(of: commentsPath))
            } catch let error as ExportFileError {
                throw SettingsError("cannot read the comments in \(commentsPath): \(error.description)")
            }
        }
        let commentCount = comments.map { " and \($0.total) comments" } ?? ""
        let repository = export.repository?.description ?? "an unknown repository"
        progress.say("Read \(export.issues.count) issues\(commentCount) of \(repository)")

        let runtime = try Runtime(settings: settings)
        _ = try await runtime.migrate()
        try await runtime.start()
        var report: GitHubImportReport
        do {
            let importer = GitHubIssuesImporter(
                auth: try Self.service(AuthService.self, of: runtime),
                projects: try Self.service(ProjectService.self, of: runtime),
                tasks: try Self.service(TaskService.self, of: runtime),
                progress: progress
            )
            report = try await importer.run(export, comments: comments, projectKey: key, ownerEmail: ownerEmail)
        } catch {
            progress.closeBar()
            await Self.shutDown(runtime)
            throw error
        }
        await Self.shutDown(runtime)
        report.seconds = Date().timeIntervalSince(started)

        for line in report.lines {
            progress.say(line)
        }
        return report.rejected.isEmpty ? 0 : 1
    }

    private static func contents(of path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SettingsError("cannot read \(path): check that the file exists and is readable")
        }
        return Array(data)
    }

    private static func service<Service>(_ type: Service.Type, of runtime: Runtime) throws -> Service {
        guard let service = runtime.services.compactMap({ $0 as? Service }).first else {
            throw SettingsError("the \(type) is not available in this build")
        }
        return service
    }

    /// Delivers the events still in the outboxes, so that profiles of new placeholders exist, and closes
    /// the databases.
    private static func shutDown(_ runtime: Runtime) async {
        for relay in runtime.relays.values {
            await relay.relayPending()
        }
        await runtime.close()
    }
}
