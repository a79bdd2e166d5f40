import Testing

@testable import Database

@Suite struct StatementCacheTests {
    final class Statement: CachedStatement {
        let id: Int
        var lastUse: UInt64 = 0

        init(_ id: Int) {
            self.id = id
        }
    }

    @Test func evictsLeastRecentlyUsed() {
        var cache = StatementCache<Statement>(capacity: 2)
        #expect(cache.insert(Statement(1), for: "a") == nil)
        #expect(cache.insert(Statement(2), for: "b") == nil)
        #expect(cache.statement(for: "a")?.id == 1)

        let evicted = cache.insert(Statement(3), for: "c")
        #expect(evicted?.id == 2)
        #expect(cache.count == 2)
        #expect(cache.statement(for: "b") == nil)
        #expect(cache.statement(for: "a")?.id == 1)
        #expect(cache.statement(for: "c")?.id == 3)
    }

    @Test func replacingReturnsOldStatement() {
        var cache = StatementCache<Statement>(capacity: 2)
        _ = cache.insert(Statement(1), for: "a")
        #expect(cache.insert(Statement(2), for: "a")?.id == 1)
        #expect(cache.count == 1)
        #expect(cache.removeAll().map(\.id) == [2])
        #expect(cache.count == 0)
    }
}
