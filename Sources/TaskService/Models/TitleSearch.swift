/// The case-insensitive title search: `tasks.title_search` contains the lower-cased title and a search matches
/// it with `LIKE`, which then behaves the same in SQLite (whose `lower()` folds ASCII only) and PostgreSQL.
enum TitleSearch {
    /// Returns the stored and searched form of `text`, lower-cased with Unicode rules.
    static func key(_ text: String) -> String {
        text.lowercased()
    }

    /// `text` with the `LIKE` wildcards `%` and `_` and the escape character `\` escaped by `\`.
    static func escapeLikePattern(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            if character == "%" || character == "_" || character == "\\" {
                result.append("\\")
            }
            result.append(character)
        }
        return result
    }
}
