import AuthService
import Foundation
import Platform

#if canImport(Glibc)
import Glibc
#endif

/// `cairn create-admin --email E --username U`: the first administrator. The password comes from standard
/// input, with a prompt and no echo on a terminal, never from a flag.
enum CreateAdminCommand {
    static func run(_ arguments: [String]) async throws -> Int32 {
        let (options, rest) = try CommandRunner.extract(["--email", "--username"], from: arguments)
        guard let email = options["--email"], let username = options["--username"] else {
            throw SettingsError("create-admin needs --email and --username; the password is read from standard input")
        }
        var settings = try Settings.load(arguments: rest, environment: ProcessInfo.processInfo.environment)
        settings.services = ServiceName.all
        let password = try Self.readPassword()

        let runtime = try Runtime(settings: settings)
        _ = try await runtime.migrate()
        // Starts the consumers too, so the users service makes the new administrator's profile.
        try await runtime.start()
        guard let auth = runtime.services.compactMap({ $0 as? AuthService }).first else {
            throw SettingsError("the auth service is not available in this build")
        }
        let id = try await auth.createAdministrator(email: email, username: username, password: password)
        for relay in runtime.relays.values {
            await relay.relayPending()
        }
        await runtime.close()
        print("Created administrator \(username) with id \(id)")
        return 0
    }

    private static func readPassword() throws -> String {
        let interactive = isatty(STDIN_FILENO) == 1
        if interactive {
            FileHandle.standardError.write(Data("Password: ".utf8))
            var settings = termios()
            tcgetattr(STDIN_FILENO, &settings)
            var silent = settings
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSANOW, &silent)
            defer {
                tcsetattr(STDIN_FILENO, TCSANOW, &settings)
                FileHandle.standardError.write(Data("\n".utf8))
            }
            return readLine(strippingNewline: true) ?? ""
        }
        guard let line = readLine(strippingNewline: true) else {
            throw SettingsError("no password on standard input: pipe it in or run on a terminal")
        }
        return line
    }
}
