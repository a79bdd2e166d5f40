/// A statement prepared on the server under a generated name, with its result columns.
final class PostgresStatement: CachedStatement {
    let name: String
    /// The number of `$n` parameters that the server found in the statement.
    let parameterCount: Int
    /// Column names and type OIDs, from the server's description and refreshed from each result
    /// whose column count differs.
    var columnNames: [String]
    var columnTypes: [UInt32]
    var lastUse: UInt64 = 0

    init(name: String, parameterCount: Int, columnNames: [String], columnTypes: [UInt32]) {
        self.name = name
        self.parameterCount = parameterCount
        self.columnNames = columnNames
        self.columnTypes = columnTypes
    }
}
