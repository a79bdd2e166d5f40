import Platform
import Testing

@Suite struct SettingsTests {
    @Test func defaultsNeedNoConfiguration() throws {
        let settings = try Settings.load(arguments: [], environment: [:])
        #expect(settings.host == "127.0.0.1")
        #expect(settings.port == 8080)
        #expect(settings.dataDirectory == "./data")
        #expect(settings.services == ServiceName.all)
        #expect(settings.rateLimitAnonymous == RateLimitRule(limit: 100, period: 3600))
        #expect(settings.rateLimitUser == RateLimitRule(limit: 1000, period: 3600))
        #expect(settings.rateLimitAuth == RateLimitRule(limit: 10, period: 60))
        #expect(settings.lockoutThreshold == 5)
        #expect(settings.membershipCacheSeconds == 5)
    }

    @Test func flagsOverrideEnvironment() throws {
        let settings = try Settings.load(
            arguments: ["--port", "9000", "--rate-limit-auth=off", "--auth-database-url", "postgres://h/a"],
            environment: ["CAIRN_PORT": "7000", "CAIRN_HOST": "::1", "CAIRN_RATE_LIMIT_USER": "5/second"]
        )
        #expect(settings.port == 9000)
        #expect(settings.host == "::1")
        #expect(settings.rateLimitAuth == nil)
        #expect(settings.rateLimitUser == RateLimitRule(limit: 5, period: 1))
        #expect(settings.serviceDatabaseURLs["auth"] == "postgres://h/a")
    }

    @Test(arguments: [
        ["--port", "70000"], ["--bogus", "1"], ["--port"], ["--rate-limit-anon", "ten/hour"],
        ["--rate-limit-anon", "5/fortnight"], ["--services", "auth,nothing"], ["--log-level", "loud"], ["stray"],
    ])
    func invalidSettingsAreRejected(_ arguments: [String]) {
        #expect(throws: SettingsError.self) { try Settings.load(arguments: arguments, environment: [:]) }
    }

    @Test func serviceListIsParsed() throws {
        let settings = try Settings.load(arguments: ["--services", "auth, users"], environment: [:])
        #expect(settings.services == [.auth, .users])
        #expect(ServiceName.users.databaseName == "user")
    }
}
