import Foundation
import Platform
import Testing

@Suite struct RateLimiterTests {
    @Test func allowsUpToLimitThenRejects() {
        let limiter = InMemoryRateLimiter()
        let rule = RateLimitRule(limit: 3, period: 60)
        let now = Date(timeIntervalSince1970: 1_800_000_010)
        let decisions = (0..<5).map { _ in limiter.hitNow("client", rule: rule, now: now) }
        #expect(decisions.map(\.allowed) == [true, true, true, false, false])
        #expect(decisions.map(\.remaining) == [2, 1, 0, 0, 0])
        #expect(decisions[0].resetSeconds == 50)
    }

    @Test func windowResets() {
        let limiter = InMemoryRateLimiter()
        let rule = RateLimitRule(limit: 1, period: 60)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(limiter.hitNow("k", rule: rule, now: start).allowed)
        #expect(!limiter.hitNow("k", rule: rule, now: start.addingTimeInterval(30)).allowed)
        #expect(limiter.hitNow("k", rule: rule, now: start.addingTimeInterval(60)).allowed)
    }

    @Test func keysAreIndependent() {
        let limiter = InMemoryRateLimiter()
        let rule = RateLimitRule(limit: 1, period: 60)
        let now = Date()
        #expect(limiter.hitNow("a", rule: rule, now: now).allowed)
        #expect(limiter.hitNow("b", rule: rule, now: now).allowed)
        #expect(!limiter.hitNow("a", rule: rule, now: now).allowed)
    }

    @Test func concurrentHitsCountExactly() async {
        let limiter = InMemoryRateLimiter()
        let rule = RateLimitRule(limit: 500, period: 3600)
        let now = Date()
        let allowed = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<1000 {
                group.addTask { limiter.hitNow("shared", rule: rule, now: now).allowed }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(allowed == 500)
    }
}
