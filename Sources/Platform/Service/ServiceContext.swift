import Database
import HTTPServer

/// The dependencies a service receives from the composition root, which it never builds itself.
public struct ServiceContext: Sendable {
    public let settings: Settings
    /// The service's own database; no other service reads or writes it.
    public let database: any Database
    public let bus: any EventBus
    /// The relay of this service's outbox; `notify()` after a commit that wrote events.
    public let relay: OutboxRelay
    public let mailer: any Mailer
    public let signer: JWTSigner
    public let revocations: TokenRevocations
    /// For password hashing and other blocking work.
    public let blockingPool: BlockingPool
    /// The limiter the pipeline uses, for limits keyed by something only a handler has (such as the account).
    public let rateLimiter: any RateLimiter
    public let logger: Logger

    public init(
        settings: Settings,
        database: any Database,
        bus: any EventBus,
        relay: OutboxRelay,
        mailer: any Mailer,
        signer: JWTSigner,
        revocations: TokenRevocations,
        blockingPool: BlockingPool,
        rateLimiter: any RateLimiter,
        logger: Logger
    ) {
        self.settings = settings
        self.database = database
        self.bus = bus
        self.relay = relay
        self.mailer = mailer
        self.signer = signer
        self.revocations = revocations
        self.blockingPool = blockingPool
        self.rateLimiter = rateLimiter
        self.logger = logger
    }

    /// Writes in one transaction and wakes the relay to deliver the events it wrote, without waiting for them.
    public func write<T: Sendable>(_ body: @escaping @Sendable (any DatabaseConnection) throws -> T) async throws -> T {
        let result = try await self.database.transaction(body)
        self.relay.notify()
        return result
    }

    /// Writes in one transaction, then waits until the relay has delivered the events it wrote, so callers in this
    /// process see their consequences (such as the profile a registration creates) by the time they respond.
    public func writeAndDeliver<T: Sendable>(
        _ body: @escaping @Sendable (any DatabaseConnection) throws -> T
    ) async throws -> T {
        let result = try await self.database.transaction(body)
        await self.relay.relayPending()
        return result
    }
}
