import Database
import Foundation
import HTTPServer
import Platform

/// Accounts: registration, login, tokens, email verification, passwords, roles and deactivation.
public final class AuthService: Service {
    public static let name = ServiceName.auth
    /// Lifetime of access tokens, in seconds.
    static let accessTokenSeconds: Int64 = 3600
    /// Lifetime of refresh tokens, in seconds (7 days).
    static let refreshTokenSeconds: Int64 = 7 * 86_400
    /// Lifetime of email verification tokens, in seconds (2 days).
    static let verificationTokenSeconds: Double = 2 * 86_400
    /// Lifetime of password reset tokens, in seconds (1 hour).
    static let resetTokenSeconds: Double = 3600

    let context: ServiceContext
    let hasher: PasswordHasher

    public init(context: ServiceContext, hasher: PasswordHasher = PasswordHasher()) {
        self.context = context
        self.hasher = hasher
    }

    public static func migrations(for dialect: SQLDialect) -> [Migration] {
        AuthMigrations.all(for: dialect)
    }

    /// Loads the access-token cut-offs of the last token lifetime, so revocations survive a restart.
    public func start() async throws {
        let since = Int64(Date().timeIntervalSince1970 * 1000) - Self.accessTokenSeconds * 1000
        let rows = try await self.context.database.read { connection in
            try AuthStore.revocations(since: since, on: connection)
        }
        for (userID, milliseconds) in rows {
            self.context.revocations.revoke(userID: userID, issuedBefore: milliseconds)
        }
    }

    public func addRoutes(to router: inout Router) {
        let limited: Set<String> = [RouteTag.authenticationLimit]
        router.post("/api/v1/auth/register", tags: limited) { try await self.register($0) }
        router.post("/api/v1/auth/login", tags: limited) { try await self.login($0) }
        router.post("/api/v1/auth/token/refresh", tags: limited) { try await self.refresh($0) }
        router.post("/api/v1/auth/logout") { try await self.logout($0) }
        router.post("/api/v1/auth/logout-all") { try await self.logoutAll($0) }
        router.get("/api/v1/auth/me") { try await self.me($0) }
        router.post("/api/v1/auth/verify-email") { try await self.verifyEmail($0) }
        router.post("/api/v1/auth/verify-email/resend") { try await self.resendVerification($0) }
        router.post("/api/v1/auth/password/forgot", tags: limited) { try await self.forgotPassword($0) }
        router.post("/api/v1/auth/password/reset", tags: limited) { try await self.resetPassword($0) }
        router.post("/api/v1/auth/password/change") { try await self.changePassword($0) }
        router.get("/api/v1/auth/users/{id}/roles") { try await self.listRoles($0) }
        router.post("/api/v1/auth/users/{id}/roles") { try await self.grantRole($0) }
        router.delete("/api/v1/auth/users/{id}/roles/{role}") { try await self.removeRole($0) }
        router.post("/api/v1/auth/users/{id}/deactivate") { try await self.deactivate($0) }
    }

    /// Hashes on the blocking pool: Argon2id takes tens of milliseconds and 64 MiB.
    func hashPassword(_ password: String) async throws -> String {
        let hasher = self.hasher
        return try await self.context.blockingPool.run { try hasher.hash(password) }
    }

    func verifyPassword(_ password: String, against encoded: String) async throws -> PasswordVerification {
        let hasher = self.hasher
        return try await self.context.blockingPool.run { hasher.verify(password, against: encoded) }
    }

    /// Spends the time of a real verification, so an unknown account answers as slowly as a known one.
    func verifyAgainstDummy(_ password: String) async throws {
        let hasher = self.hasher
        try await self.context.blockingPool.run { hasher.verifyAgainstDummy(password) }
    }

    /// Publishes the new access-token cut-off to this process at once; other processes learn it from the event.
    func announceRevocation(userID: String, milliseconds: Int64) {
        self.context.revocations.revoke(userID: userID, issuedBefore: milliseconds)
    }
}
