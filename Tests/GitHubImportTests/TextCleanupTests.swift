import GitHubImport
import Testing

@Suite struct TextCleanupTests {
    @Test func lineReplacesControlCharacters() {
        let cleaned = TextCleanup.line(" Crash\r\non\tstart\0 ", maxLength: 50, field: "title", fallback: "x")

        #expect(cleaned.value == "Crash  on start")
        #expect(cleaned.notes == ["title: 3 line breaks or other control characters became spaces"])
    }

    @Test func lineWithOneLineBreak() {
        let cleaned = TextCleanup.line("Crash\non start", maxLength: 50, field: "title", fallback: "x")

        #expect(cleaned.value == "Crash on start")
        #expect(cleaned.notes == ["title: a line break or other control character became a space"])
    }

    @Test func longLineIsShortened() {
        let cleaned = TextCleanup.line(
            String(repeating: "é", count: 612),
            maxLength: 500,
            field: "title",
            fallback: "x"
        )

        #expect(cleaned.value.count == 500)
        #expect(cleaned.value.hasSuffix("…"))
        #expect(cleaned.notes == ["title shortened from 612 to 500 characters"])
    }

    @Test func emptyLineGetsFallback() {
        let cleaned = TextCleanup.line(" \n ", maxLength: 50, field: "issue #4: title", fallback: "GitHub issue #4")

        #expect(cleaned.value == "GitHub issue #4")
        #expect(cleaned.notes == ["issue #4: title is empty, so it became \"GitHub issue #4\""])
    }

    @Test func textLosesNulCharacters() {
        let cleaned = TextCleanup.text("a\0b\0\nc", maxLength: 100, field: "body")

        #expect(cleaned.value == "ab\nc")
        #expect(cleaned.notes == ["body: removed 2 NUL characters"])
    }

    @Test func longTextIsShortenedToLimit() {
        let cleaned = TextCleanup.text(String(repeating: "x", count: 1_000), maxLength: 200, field: "body")

        #expect(cleaned.value.count == 200)
        #expect(cleaned.value.hasSuffix("[Shortened on import: the original has 1000 characters.]"))
        #expect(cleaned.notes == ["body shortened from 1000 to 200 characters"])
    }

    @Test func textWithinLimitIsUnchanged() {
        let cleaned = TextCleanup.text("Line one\r\nLine two", maxLength: 100, field: "body")

        #expect(cleaned.value == "Line one\r\nLine two")
        #expect(cleaned.notes == [])
    }

    @Test func labelsDeduplicatedAndLimited() {
        let names = ["bug", " bug ", "", "help wanted", String(repeating: "l", count: 60), "a", "b"]
        let cleaned = TextCleanup.labels(names, maxCount: 4, maxLength: 50)

        #expect(cleaned.value == ["bug", "help wanted", String(repeating: "l", count: 49) + "…", "a"])
        #expect(cleaned.notes.contains("dropped an empty label"))
        #expect(cleaned.notes.contains("kept the first 4 of 5 labels"))
        #expect(cleaned.notes.contains { $0.hasSuffix("shortened from 60 to 50 characters") })
    }

    @Test(arguments: [
        ("user-0934", "user-0934"),
        ("Octo-Cat", "Octo-Cat"),
        ("dependabot[bot]", "dependabot_bot"),
        ("ab", "ab_gh"),
        ("a", "a_gh"),
        ("naïve", "na_ve"),
    ])
    func placeholderUsernameForLogin(login: String, expected: String) {
        #expect(PlaceholderUsername.make(login: login) == expected)
    }
}
