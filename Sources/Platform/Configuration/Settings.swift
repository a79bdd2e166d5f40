import Foundation

/// Every setting of a Cairn process, read from `CAIRN_*` environment variables and the `serve` flags of the same
/// name (`CAIRN_RATE_LIMIT_AUTH` / `--rate-limit-auth`); a flag wins over the environment.
public struct Settings: Sendable {
    /// Address to listen on. `CAIRN_HOST`, default `127.0.0.1`.
    public var host = "127.0.0.1"
    /// TCP port. `CAIRN_PORT`, default 8080.
    public var port = 8080
    /// SQLite files, the mail outbox and the generated JWT key. `CAIRN_DATA_DIR`, default `./data`.
    public var dataDirectory = "./data"
    /// Services this process serves. `CAIRN_SERVICES`, a comma-separated list, default all.
    public var services: [ServiceName] = ServiceName.all
    /// PostgreSQL server URL; each service uses the database `cairn_<database>` on it. `CAIRN_DATABASE_URL`.
    public var databaseURL: String?
    /// Per-database URLs from `CAIRN_<DATABASE>_DATABASE_URL`, keyed by database name (`auth`, `user`, …).
    public var serviceDatabaseURLs: [String: String] = [:]
    /// `CAIRN_REDIS_URL`; unset means the embedded in-process implementations.
    public var redisURL: String?
    /// Where services this process does not serve are reached, from `CAIRN_<SERVICE>_URL`.
    public var serviceURLs: [ServiceName: String] = [:]
    /// The HS256 key. `CAIRN_JWT_SECRET`; unset means a key generated once into the data directory.
    public var jwtSecret: String?
    /// `smtp://user:pass@host:port`; unset writes mail to `<data dir>/mail`. `CAIRN_SMTP_URL`.
    public var smtpURL: String?
    /// Sender address. `CAIRN_MAIL_FROM`, default `Cairn <no-reply@localhost>`.
    public var mailFrom = "Cairn <no-reply@localhost>"
    /// Per client address for requests without a token. `CAIRN_RATE_LIMIT_ANON`, default `100/hour`.
    public var rateLimitAnonymous: RateLimitRule? = RateLimitRule(limit: 100, period: 3600)
    /// Per user. `CAIRN_RATE_LIMIT_USER`, default `1000/hour`.
    public var rateLimitUser: RateLimitRule? = RateLimitRule(limit: 1000, period: 3600)
    /// Per client address and per account on login, register, refresh and password forgot/reset.
    /// `CAIRN_RATE_LIMIT_AUTH`, default `10/minute`.
    public var rateLimitAuth: RateLimitRule? = RateLimitRule(limit: 10, period: 60)
    /// Peers whose `X-Forwarded-For` is believed. `CAIRN_TRUSTED_PROXIES`, comma-separated addresses.
    public var trustedProxies: Set<String> = []
    /// Failed logins in a row before a lock. `CAIRN_LOCKOUT_THRESHOLD`, default 5.
    public var lockoutThreshold = 5
    /// Length of a lock in minutes. `CAIRN_LOCKOUT_MINUTES`, default 15.
    public var lockoutMinutes = 15
    /// Largest upload in bytes. `CAIRN_MAX_UPLOAD_BYTES`, default 10485760.
    public var maxUploadBytes = 10_485_760
    /// Largest JSON body in bytes. `CAIRN_MAX_JSON_BYTES`, default 1048576.
    public var maxJSONBytes = 1_048_576
    /// Seconds another service may trust a cached project role. `CAIRN_MEMBERSHIP_CACHE_SECONDS`, default 5.
    public var membershipCacheSeconds = 5
    /// `CAIRN_BLOB_STORE`, default `file://<data dir>/blobs`.
    public var blobStore: String?
    /// `CAIRN_LOG_LEVEL`: `debug`, `info`, `warning` or `error`; default `info`.
    public var logLevel: Logger.Level = .info
    /// HTTP event loops. `CAIRN_LOOPS`, default one per core.
    public var loops = 0
    /// Seconds a graceful shutdown waits for requests in flight. `CAIRN_SHUTDOWN_SECONDS`, default 10.
    public var shutdownSeconds = 10.0
    /// Base URL put in links inside mails. `CAIRN_PUBLIC_URL`, default `http://<host>:<port>`.
    public var publicURL: String?
    /// Apply pending migrations when `serve` starts. `CAIRN_MIGRATE_ON_START`, default true.
    public var migrateOnStart = true

    public init() {}

    /// The base URL for links in mails.
    public var effectivePublicURL: String {
        self.publicURL ?? "http://\(self.host):\(self.port)"
    }
}
