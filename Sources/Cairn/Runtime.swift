import AuthService
import Database
import Foundation
import HTTPServer
import Platform
import ProjectService
import TaskService
import UserService

/// The composition root: builds every part from the settings and wires services to their databases and the bus.
final class Runtime: Sendable {
    let settings: Settings
    let logger: Logger
    let bus: any EventBus
    let signer: JWTSigner
    let revocations: TokenRevocations
    let blockingPool: BlockingPool
    let rateLimiter: any RateLimiter
    let metrics: Metrics
    let mailer: any Mailer
    let databases: [ServiceName: any Database]
    let relays: [ServiceName: OutboxRelay]
    let services: [any Service]

    init(settings: Settings) throws {
        self.settings = settings
        self.logger = Logger(label: "cairn", minimumLevel: settings.logLevel)
        try FileManager.default.createDirectory(atPath: settings.dataDirectory, withIntermediateDirectories: true)

        self.bus = InProcessEventBus()
        self.signer = JWTSigner(secret: try JWTSecret.load(settings: settings))
        self.revocations = TokenRevocations()
        self.blockingPool = BlockingPool(threadCount: System.coreCount, name: "cairn-blocking")
        self.rateLimiter = InMemoryRateLimiter()
        self.metrics = Metrics()
        if let smtp = settings.smtpURL {
            self.mailer = SMTPMailer(url: smtp, from: settings.mailFrom, pool: self.blockingPool)
        } else {
            let directory = (settings.dataDirectory as NSString).appendingPathComponent("mail")
            self.mailer = FileMailer(directory: directory, from: settings.mailFrom)
        }

        var databases: [ServiceName: any Database] = [:]
        var relays: [ServiceName: OutboxRelay] = [:]
        var contexts: [ServiceName: ServiceContext] = [:]
        for name in settings.services where Self.serviceTypes[name] != nil {
            let database = try DatabaseOpener.open(for: name, settings: settings)
            let relay = OutboxRelay(database: database, bus: self.bus, service: name.rawValue)
            databases[name] = database
            relays[name] = relay
            contexts[name] = ServiceContext(
                settings: settings,
                database: database,
                bus: self.bus,
                relay: relay,
                mailer: self.mailer,
                signer: self.signer,
                revocations: self.revocations,
                blockingPool: self.blockingPool,
                rateLimiter: self.rateLimiter,
                logger: self.logger
            )
        }
        self.databases = databases
        self.relays = relays
        self.services = try ServiceGraph.build(contexts: contexts)
    }

    /// The services this build implements, by name, with their migrations.
    static let serviceTypes: [ServiceName: any Service.Type] = [
        .auth: AuthService.self,
        .users: UserService.self,
        .projects: ProjectService.self,
        .tasks: TaskService.self,
    ]

    /// Applies pending migrations of every served database; returns the versions applied per service.
    func migrate() async throws -> [ServiceName: [Int]] {
        var applied: [ServiceName: [Int]] = [:]
        for (name, database) in self.databases.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            guard let type = Self.serviceTypes[name] else { continue }
            let migrations = type.migrations(for: database.dialect)
            applied[name] = try await Migrator(service: name.rawValue).migrate(database, migrations)
        }
        return applied
    }

    /// Subscribes platform consumers and starts each service and its outbox relay.
    func start() async throws {
        let revocations = self.revocations
        self.bus.subscribe(to: "user.tokens_revoked", consumer: "platform.token_revocations") { event in
            guard case .string(let userID)? = event.data["user_id"],
                case .int(let milliseconds)? = event.data["valid_after_ms"]
            else { return }
            revocations.revoke(userID: userID, issuedBefore: milliseconds)
        }
        for service in self.services {
            try await service.start()
        }
        for relay in self.relays.values {
            Task.detached { await relay.run() }
        }
    }

    func close() async {
        for database in self.databases.values {
            await database.close()
        }
    }
}
