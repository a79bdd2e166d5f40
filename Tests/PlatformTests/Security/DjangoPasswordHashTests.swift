import Foundation
import Testing

@testable import Platform

/// Password hashes made by Django's own `make_password`, loaded from Fixtures/django-hashes.json.
/// Fixtures/make_django_hashes.py made them; the file's `generator` field names the Django and
/// bcrypt versions (Django 5.2.19 with bcrypt 5.0.0 at the time of writing).
struct DjangoFixture: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let hasher: String
    let password: String
    let encoded: String

    var testDescription: String { self.name }

    private struct File: Decodable {
        let generator: String
        let cases: [DjangoFixture]
    }

    static let all: [DjangoFixture] = {
        let url = Bundle.module.url(forResource: "django-hashes", withExtension: "json", subdirectory: "Fixtures")!
        let data = try! Data(contentsOf: url)
        return try! JSONDecoder().decode(File.self, from: data).cases
    }()

    static func named(_ name: String) -> DjangoFixture {
        self.all.first { $0.name == name }!
    }
}

struct DjangoPasswordHashTests {
    private let hasher = PasswordHasher()

    @Test func fixturesCoverEveryHasher() {
        let prefixes = Set(DjangoFixture.all.map { $0.encoded.prefix { $0 != "$" } })
        #expect(prefixes == ["pbkdf2_sha256", "bcrypt_sha256", "bcrypt"])
    }

    @Test(arguments: DjangoFixture.all)
    func correctPasswordNeedsRehash(fixture: DjangoFixture) {
        #expect(self.hasher.verify(fixture.password, against: fixture.encoded) == .validNeedsRehash)
    }

    @Test(arguments: DjangoFixture.all)
    func wrongPasswordIsInvalid(fixture: DjangoFixture) {
        // Changes at the start, because bcrypt ignores bytes after the 72nd.
        #expect(self.hasher.verify("!" + fixture.password, against: fixture.encoded) == .invalid)
        #expect(self.hasher.verify(String(fixture.password.dropFirst()), against: fixture.encoded) == .invalid)
        #expect(self.hasher.verify(fixture.password.uppercased(), against: fixture.encoded) == .invalid)
    }

    @Test(arguments: DjangoFixture.all)
    func tamperedHashIsInvalid(fixture: DjangoFixture) {
        // Change one character of the hash near its end. For PBKDF2 that is before the base64
        // padding, and for bcrypt it is inside the 31-character hash.
        var characters = Array(fixture.encoded)
        let index = characters.count - (fixture.encoded.hasSuffix("=") ? 3 : 2)
        characters[index] = characters[index] == "a" ? "b" : "a"
        #expect(self.hasher.verify(fixture.password, against: String(characters)) == .invalid)
    }

    @Test(arguments: DjangoFixture.all)
    func tamperedSaltIsInvalid(fixture: DjangoFixture) {
        // Django's PBKDF2 salt is the third field, and a bcrypt salt starts 7 characters into
        // the bcrypt hash, after "$2b$12$".
        var characters = Array(fixture.encoded)
        let saltStart: Int
        if fixture.encoded.hasPrefix("pbkdf2_sha256$") {
            let fields = fixture.encoded.split(separator: "$")
            saltStart = fields[0].count + fields[1].count + 2
        } else {
            saltStart = fixture.encoded.firstRange(of: "$2b$")!.lowerBound.utf16Offset(in: fixture.encoded) + 7
        }
        characters[saltStart] = characters[saltStart] == "a" ? "b" : "a"
        #expect(self.hasher.verify(fixture.password, against: String(characters)) == .invalid)
    }

    @Test func pbkdf2TamperedIterationCountIsInvalid() {
        let fixture = DjangoFixture.named("pbkdf2_sha256 10000 iterations")
        let tampered = fixture.encoded.replacingOccurrences(of: "$10000$", with: "$10001$")
        #expect(self.hasher.verify(fixture.password, against: tampered) == .invalid)
    }

    @Test func pbkdf2IterationCap() {
        let fixture = DjangoFixture.named("pbkdf2_sha256 10000 iterations")
        let overCap = fixture.encoded.replacingOccurrences(of: "$10000$", with: "$10000001$")
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(self.hasher.verify(fixture.password, against: overCap) == .invalid)
        }
        #expect(elapsed < .milliseconds(50))
    }

    @Test(arguments: [
        "pbkdf2_sha256$",
        "pbkdf2_sha256$$salt$KJ3pWtu6atAEgw7iomHEd+6wzpcs/nRghpppSLzlh0w=",
        "pbkdf2_sha256$0$salt$KJ3pWtu6atAEgw7iomHEd+6wzpcs/nRghpppSLzlh0w=",
        "pbkdf2_sha256$-1$salt$KJ3pWtu6atAEgw7iomHEd+6wzpcs/nRghpppSLzlh0w=",
        "pbkdf2_sha256$+1000$salt$KJ3pWtu6atAEgw7iomHEd+6wzpcs/nRghpppSLzlh0w=",
        "pbkdf2_sha256$1_000$salt$KJ3pWtu6atAEgw7iomHEd+6wzpcs/nRghpppSLzlh0w=",
        "pbkdf2_sha256$99999999999999999999$salt$KJ3pWtu6atAEgw7iomHEd+6wzpcs/nRghpppSLzlh0w=",
        "pbkdf2_sha256$1000$$KJ3pWtu6atAEgw7iomHEd+6wzpcs/nRghpppSLzlh0w=",
        "pbkdf2_sha256$1000$salt$",
        "pbkdf2_sha256$1000$salt$KJ3pWtu6atAEgw7iomHEd+6wzpcs/nRghpppSLzlh0w",
        "pbkdf2_sha256$1000$salt$KJ3pWtu6atAEgw7iomHEd-6wzpcs_nRghpppSLzlh0w=",
        "pbkdf2_sha256$1000$salt$KJ3pWtu6atAEgw7iomHEd+6wzpcs/nRghpppSLzlh0w=$",
        "pbkdf2_sha256$1000$salt$AAAA",
        "pbkdf2_sha1$1000$salt$KJ3pWtu6atAEgw7iomHEd+6wzpcs/nRghpppSLzlh0w=",
        "bcrypt$",
        "bcrypt$$2b$12$short",
        "bcrypt$$2b$31$aou4wbvWmMW5NqtkxEliBej83by3CDoViF6UlxfZ/XzGt8trHVUlm",
        "bcrypt$$2b$03$aou4wbvWmMW5NqtkxEliBej83by3CDoViF6UlxfZ/XzGt8trHVUlm",
        "bcrypt$$2b$1x$aou4wbvWmMW5NqtkxEliBej83by3CDoViF6UlxfZ/XzGt8trHVUlm",
        "bcrypt$$2x$12$aou4wbvWmMW5NqtkxEliBej83by3CDoViF6UlxfZ/XzGt8trHVUlm",
        "bcrypt$$2b$12$aou4wbvWmMW5NqtkxEliBej83by3CDoViF6UlxfZ/XzGt8trHVUl!",
        "bcrypt$$1$saltsalt$0123456789012345678901",
        "bcrypt$$6$rounds=5000$saltsalt$01234567890123456789012345678901234567890",
        "bcrypt_sha256$",
        "bcrypt_sha256$2b$12$9IytycdQVfD7nIWdzxRrcuQkF9m5h7lUZpCb227.Yw0IkTbSo9SgC",
        "!bcrypt$$2b$12$aou4wbvWmMW5NqtkxEliBej83by3CDoViF6UlxfZ/XzGt8trHVUlm",
        "!",
    ])
    func malformedHashIsInvalid(encoded: String) {
        #expect(self.hasher.verify("correct horse battery staple", against: encoded) == .invalid)
    }

    @Test func bcryptHashIsNotBcryptSHA256() {
        // The same bcrypt hash under the other prefix must not match: one hashes the raw
        // password, the other its SHA-256 hex digest.
        let raw = DjangoFixture.named("bcrypt")
        let relabeled = "bcrypt_sha256$" + raw.encoded.dropFirst("bcrypt$".count)
        #expect(self.hasher.verify(raw.password, against: relabeled) == .invalid)

        let sha = DjangoFixture.named("bcrypt_sha256")
        let relabeledSHA = "bcrypt$" + sha.encoded.dropFirst("bcrypt_sha256$".count)
        #expect(self.hasher.verify(sha.password, against: relabeledSHA) == .invalid)
        #expect(self.hasher.verify(Digest.sha256Hex(sha.password), against: relabeledSHA) == .validNeedsRehash)
    }

    @Test func bcryptUsesFirst72Bytes() {
        // bcrypt ignores bytes after the 72nd, so a longer password with the same first 72
        // bytes matches. This documents the behaviour rather than endorsing it.
        let fixture = DjangoFixture.named("bcrypt 72-byte password")
        #expect(fixture.password.utf8.count == 72)
        #expect(self.hasher.verify(fixture.password + "tail", against: fixture.encoded) == .validNeedsRehash)
        #expect(self.hasher.verify(String(fixture.password.dropLast()), against: fixture.encoded) == .invalid)
    }

    @Test func bcryptRejectsPasswordWithNUL() {
        let fixture = DjangoFixture.named("bcrypt")
        #expect(self.hasher.verify(fixture.password + "\u{0}suffix", against: fixture.encoded) == .invalid)
    }

    @Test func bcrypt2aPrefixIsAccepted() {
        // $2a$ and $2b$ compute the same hash for passwords shorter than 256 bytes.
        let fixture = DjangoFixture.named("bcrypt")
        let legacy = fixture.encoded.replacingOccurrences(of: "$2b$", with: "$2a$")
        #expect(self.hasher.verify(fixture.password, against: legacy) == .validNeedsRehash)
    }
}
