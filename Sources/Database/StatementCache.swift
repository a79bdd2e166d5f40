/// A prepared statement that a `StatementCache` can hold.
protocol CachedStatement: AnyObject {
    /// The cache's clock value at the statement's latest use, for least-recently-used eviction.
    var lastUse: UInt64 { get set }
}

/// Prepared statements of one connection, keyed by SQL text, at most `capacity` of them.
///
/// Each connection has its own cache and uses it from its own thread only. Once the cache is
/// full, inserting a statement evicts the least recently used one, which the caller must finalize.
struct StatementCache<Statement: CachedStatement> {
    /// Default capacity: an estimate, well above the distinct statements that one service issues,
    /// small enough that a connection's prepared statements stay a few MiB at most.
    static var defaultCapacity: Int { 256 }

    let capacity: Int
    private var statements: [String: Statement] = [:]
    private var clock: UInt64 = 0

    init(capacity: Int = Self.defaultCapacity) {
        precondition(capacity > 0, "a statement cache needs a positive capacity")
        self.capacity = capacity
    }

    var count: Int {
        self.statements.count
    }

    /// Returns the statement prepared for `sql` and marks it used, or nil.
    mutating func statement(for sql: String) -> Statement? {
        guard let statement = self.statements[sql] else {
            return nil
        }
        self.clock &+= 1
        statement.lastUse = self.clock
        return statement
    }

    /// Stores `statement` for `sql` and returns the statement it evicted to stay within capacity.
    mutating func insert(_ statement: Statement, for sql: String) -> Statement? {
        var evicted: Statement?
        if self.statements.count >= self.capacity, self.statements[sql] == nil {
            // A linear scan, but only on a miss in a full cache, which a steady workload never has.
            if let oldest = self.statements.min(by: { $0.value.lastUse < $1.value.lastUse }) {
                evicted = self.statements.removeValue(forKey: oldest.key)
            }
        }
        self.clock &+= 1
        statement.lastUse = self.clock
        if let replaced = self.statements.updateValue(statement, forKey: sql), replaced !== statement {
            evicted = replaced
        }
        return evicted
    }

    /// Removes and returns the statement for `sql`.
    mutating func remove(_ sql: String) -> Statement? {
        self.statements.removeValue(forKey: sql)
    }

    /// Removes and returns every statement.
    mutating func removeAll() -> [Statement] {
        let all = Array(self.statements.values)
        self.statements.removeAll()
        return all
    }
}
