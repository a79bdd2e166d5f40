/// One result row: the column names of its statement and this row's values, in column order.
///
/// All rows of one result share one `columns` array, so a row costs one array of values.
public struct Row: Sendable {
    /// Column names in result order, as the database reported them.
    public let columns: [String]
    /// Values in the order of `columns`.
    public let values: [SQLValue]

    public init(columns: [String], values: [SQLValue]) {
        precondition(columns.count == values.count, "a row needs one value per column")
        self.columns = columns
        self.values = values
    }

    /// Returns the value of the first column named `column`, or nil if the row has no such column.
    ///
    /// A NULL value is `.null`, not nil. Lookup is a linear scan, which beats hashing for the
    /// few columns that a row has.
    public subscript(column: String) -> SQLValue? {
        guard let index = self.columns.firstIndex(of: column) else {
            return nil
        }
        return self.values[index]
    }

    /// Decodes the value of `column` as `T`.
    ///
    /// Throws `DatabaseError` with code `.decodingFailed` if the column is missing, or if its
    /// value is NULL and `T` is not optional, or if the value does not convert to `T`.
    public func decode<T: SQLDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let value = self[column] else {
            throw DatabaseError(
                .decodingFailed,
                message: "the row has no column named \"\(column)\"; its columns are \(self.columns)"
            )
        }
        do {
            return try T(sqlValue: value)
        } catch var error as DatabaseError {
            error.message = "column \"\(column)\": \(error.message)"
            throw error
        }
    }
}
