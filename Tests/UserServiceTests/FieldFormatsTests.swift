import Testing

@testable import UserService

@Suite struct FieldFormatsTests {
    @Test(arguments: ["UTC", "GMT", "Europe/Lisbon", "America/Sao_Paulo", "Asia/Kolkata", "Asia/Calcutta", "Etc/UTC"])
    func timeZoneAcceptsIANAName(_ name: String) {
        #expect(FieldFormats.isTimeZone(name))
    }

    @Test(arguments: [
        "", "utc", "EST", "GMT+05:00", "Mars/Olympus", "europe/lisbon", "Europe/Lisbon ", "Europe/Lisbon/",
    ])
    func timeZoneRejectsOtherText(_ name: String) {
        #expect(!FieldFormats.isTimeZone(name))
    }

    @Test(arguments: ["en", "pt-BR", "zh-Hant-TW", "de-CH-1996", "sgn-BE-FR", "en-x-a"])
    func languageTagAcceptsBCP47(_ tag: String) {
        #expect(FieldFormats.isLanguageTag(tag))
    }

    @Test(arguments: ["", "e", "english", "en-", "-en", "en--US", "en_US", "en US", "ab-123456789", "ç", "1en"])
    func languageTagRejectsMalformed(_ tag: String) {
        #expect(!FieldFormats.isLanguageTag(tag))
    }

    @Test(arguments: ["https://example.com/a.png", "http://cdn.example.com:8080/x?y=1", "HTTPS://EXAMPLE.COM"])
    func webURLAcceptsHTTP(_ url: String) {
        #expect(FieldFormats.isWebURL(url))
    }

    @Test(arguments: [
        "", "example.com/a.png", "ftp://example.com/a", "javascript:alert(1)", "https://", "https:///path",
        "https://exa mple.com", "https://example.com/\n", "data:image/png;base64,AAAA",
    ])
    func webURLRejectsOthers(_ url: String) {
        #expect(!FieldFormats.isWebURL(url))
    }

    @Test(arguments: ["example.com", "a.b.example.co.uk", "xn--bcher-kva.example", "my-site.io", "1.example"])
    func domainAcceptsHostNames(_ domain: String) {
        #expect(FieldFormats.isDomainName(domain))
    }

    @Test(arguments: [
        "", "localhost", "example", "-a.com", "a-.com", "a..com", "a.com.", "https://example.com", "Example.com",
        "exa mple.com", "10.0.0.1", "example.com/path",
    ])
    func domainRejectsOthers(_ domain: String) {
        #expect(!FieldFormats.isDomainName(domain))
    }

    @Test func domainRejectsLongLabel() {
        #expect(!FieldFormats.isDomainName(String(repeating: "a", count: 64) + ".com"))
        #expect(FieldFormats.isDomainName(String(repeating: "a", count: 63) + ".com"))
    }
}
