import Database

/// The positional bind values of one statement, handing out `$1`, `$2`, … placeholders in order.
///
/// Statements are assembled from optional conditions, so the placeholder numbers depend on which conditions are
/// present; this keeps each number next to its value.
struct SQLBinds {
    private(set) var values: [SQLValue] = []

    /// Appends `value` and returns its placeholder, such as `$3`.
    mutating func add(_ value: SQLValue) -> String {
        self.values.append(value)
        return "$\(self.values.count)"
    }
}
