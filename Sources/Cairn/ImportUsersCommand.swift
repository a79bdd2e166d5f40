import AuthService
import Foundation
import Platform

/// `cairn import-users FILE`: users from Django's `dumpdata auth.user` JSON; running it twice adds nothing.
enum ImportUsersCommand {
    static func run(_ arguments: [String]) async throws -> Int32 {
        guard let path = arguments.first, !path.hasPrefix("--") else {
            throw SettingsError("import-users needs a FILE: the output of `manage.py dumpdata auth.user`")
        }
        var settings = try Settings.load(
            arguments: Array(arguments.dropFirst()),
            environment: ProcessInfo.processInfo.environment
        )
        settings.services = ServiceName.all
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SettingsError("cannot read \(path)")
        }

        let runtime = try Runtime(settings: settings)
        _ = try await runtime.migrate()
        try await runtime.start()
        guard let auth = runtime.services.compactMap({ $0 as? AuthService }).first else {
            throw SettingsError("the auth service is not available in this build")
        }
        let report = try await auth.importDjangoUsers(Array(data))
        for relay in runtime.relays.values {
            await relay.relayPending()
        }
        await runtime.close()
        print(
            "Imported \(report.created) users, skipped \(report.skipped) already present, rejected \(report.rejected.count)"
        )
        for problem in report.rejected {
            print("  rejected: \(problem)")
        }
        return report.rejected.isEmpty ? 0 : 1
    }
}
