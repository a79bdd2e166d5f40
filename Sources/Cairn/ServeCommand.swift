import Dispatch
import Foundation
import HTTPServer
import Platform

#if canImport(Glibc)
import Glibc
#endif

/// `cairn serve`: migrate if configured, start the services, serve until SIGINT or SIGTERM.
enum ServeCommand {
    static func run(_ arguments: [String]) async throws -> Int32 {
        let settings = try Settings.load(arguments: arguments, environment: ProcessInfo.processInfo.environment)
        let runtime = try Runtime(settings: settings)
        let logger = runtime.logger

        if settings.migrateOnStart {
            let applied = try await runtime.migrate()
            for (service, versions) in applied where !versions.isEmpty {
                logger.info(
                    "Migrations applied",
                    metadata: [
                        "service": service.rawValue, "versions": versions.map(String.init).joined(separator: ","),
                    ]
                )
            }
        }
        try await runtime.start()

        var router = Router()
        for service in runtime.services {
            service.addRoutes(to: &router)
        }
        OperationsRoutes(runtime: runtime).add(to: &router)

        let pipeline = Pipeline(
            router: router,
            verifier: AccessTokenVerifier(signer: runtime.signer, revocations: runtime.revocations),
            rateLimiter: runtime.rateLimiter,
            metrics: runtime.metrics,
            settings: settings,
            logger: logger
        )
        let engine = HTTPEngine(
            configuration: ServerConfiguration(
                host: settings.host,
                port: settings.port,
                loopCount: settings.loops > 0 ? settings.loops : System.coreCount,
                maxBodyBytes: max(settings.maxJSONBytes, settings.maxUploadBytes) + 1_048_576,
                shutdownDeadline: settings.shutdownSeconds
            ),
            responder: { await pipeline.respond(to: $0) }
        )
        try engine.start()
        logger.info(
            "Cairn is serving",
            metadata: [
                "http.address": "\(settings.host):\(engine.port)",
                "services": runtime.services.map { type(of: $0).name.rawValue }.joined(separator: ","),
                "storage": settings.databaseURL == nil && settings.serviceDatabaseURLs.isEmpty ? "sqlite" : "postgres",
            ]
        )

        let signal = await Self.waitForTerminationSignal()
        logger.info("Shutting down", metadata: ["signal": signal])
        await engine.shutdown()
        await runtime.close()
        logger.info("Stopped")
        return 0
    }

    /// Suspends until SIGINT or SIGTERM arrives; returns its name.
    private static func waitForTerminationSignal() async -> String {
        await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            let queue = DispatchQueue(label: "cairn-signals")
            let once = SignalOnce(continuation)
            for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
                Glibc.signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler { once.resume(name) }
                source.resume()
                once.keep(source)
            }
        }
    }
}

/// Resumes a continuation for the first signal only; keeps the signal sources alive.
private final class SignalOnce: @unchecked Sendable {
    // Touched only on the serial `cairn-signals` queue, and by `keep` before any signal handler can run.
    private var continuation: CheckedContinuation<String, Never>?
    private var sources: [any DispatchSourceSignal] = []

    init(_ continuation: CheckedContinuation<String, Never>) {
        self.continuation = continuation
    }

    func keep(_ source: any DispatchSourceSignal) {
        self.sources.append(source)
    }

    func resume(_ name: String) {
        self.continuation?.resume(returning: name)
        self.continuation = nil
    }
}
