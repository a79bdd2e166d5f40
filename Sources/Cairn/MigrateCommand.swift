import Foundation
import Platform

/// `cairn migrate`: applies pending migrations of the configured services and exits.
enum MigrateCommand {
    static func run(_ arguments: [String]) async throws -> Int32 {
        let settings = try Settings.load(arguments: arguments, environment: ProcessInfo.processInfo.environment)
        let runtime = try Runtime(settings: settings)
        let applied = try await runtime.migrate()
        for (service, versions) in applied.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let list = versions.isEmpty ? "up to date" : "applied " + versions.map(String.init).joined(separator: ", ")
            print("\(service.rawValue): \(list)")
        }
        await runtime.close()
        return 0
    }
}
