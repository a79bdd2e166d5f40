import Foundation
import Platform

/// The `cairn` command line: `serve`, `migrate`, `create-admin`, `import-users` and `import`.
enum CommandRunner {
    static let usage = """
        Usage: cairn <command> [options]

        Commands:
          serve                     Start the services (all nine by default) on one port
          migrate                   Apply pending database migrations and exit
          create-admin --email E --username U
                                    Create an administrator; the password is read from standard input
          import-users FILE         Import users from Django's `manage.py dumpdata auth.user` JSON
          import github-issues FILE [--comments FILE] --project-key KEY --owner EMAIL
                                    Import a GitHub repository's issues (a REST API export, JSON array or
                                    JSON Lines) into the project KEY, owned by the active user EMAIL;
                                    running it again creates nothing new
          help                      Show this text

        Every option is also an environment variable: --port 8080 is CAIRN_PORT=8080.
        See docs/configuration.md for the full list.
        """

    /// Runs the command in `arguments` and returns the process exit code.
    static func run(_ arguments: [String]) async -> Int32 {
        guard let command = arguments.first else {
            print(Self.usage)
            return 2
        }
        let rest = Array(arguments.dropFirst())
        do {
            switch command {
            case "serve":
                return try await ServeCommand.run(rest)
            case "migrate":
                return try await MigrateCommand.run(rest)
            case "create-admin":
                return try await CreateAdminCommand.run(rest)
            case "import-users":
                return try await ImportUsersCommand.run(rest)
            case "import":
                return try await ImportCommand.run(rest)
            case "help", "--help", "-h":
                print(Self.usage)
                return 0
            default:
                FileHandle.standardError.write(Data("cairn: unknown command \"\(command)\"\n\n\(Self.usage)\n".utf8))
                return 2
            }
        } catch {
            FileHandle.standardError.write(Data("cairn: \(error)\n".utf8))
            return 1
        }
    }

    /// Splits `--name value` pairs that a command consumes itself from the settings flags.
    static func extract(_ names: Set<String>, from arguments: [String]) throws -> ([String: String], [String]) {
        var taken: [String: String] = [:]
        var rest: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            if names.contains(name) {
                if let inlineValue {
                    taken[name] = inlineValue
                } else {
                    index += 1
                    guard index < arguments.count else { throw SettingsError("missing value for \(name)") }
                    taken[name] = arguments[index]
                }
            } else {
                rest.append(argument)
            }
            index += 1
        }
        return (taken, rest)
    }
}
