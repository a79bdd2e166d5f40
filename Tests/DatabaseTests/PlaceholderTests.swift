import Testing

@testable import Database

@Suite struct PlaceholderTests {
    @Test(arguments: [
        ("SELECT 1", "SELECT 1"),
        ("SELECT $1", "SELECT ?1"),
        ("SELECT $2, $1, $10", "SELECT ?2, ?1, ?10"),
        ("SELECT '$1', $1", "SELECT '$1', ?1"),
        ("SELECT 'it''s $1', $2", "SELECT 'it''s $1', ?2"),
        ("SELECT \"$1\" FROM t WHERE a = $1", "SELECT \"$1\" FROM t WHERE a = ?1"),
        ("SELECT [$1], `$2`, $3", "SELECT [$1], `$2`, ?3"),
        ("SELECT $1 -- not $2\n, $3", "SELECT ?1 -- not $2\n, ?3"),
        ("SELECT /* $1 */ $2", "SELECT /* $1 */ ?2"),
        ("SELECT /*/ $1 */ $2", "SELECT /*/ $1 */ ?2"),
        ("SELECT $name, $1", "SELECT $name, ?1"),
        ("SELECT 'unterminated $1", "SELECT 'unterminated $1"),
        ("SELECT $", "SELECT $"),
    ])
    func rewriteMapsOnlyPlaceholdersOutsideQuotes(sql: String, expected: String) {
        #expect(SQLitePlaceholders.rewrite(sql) == expected)
    }
}
