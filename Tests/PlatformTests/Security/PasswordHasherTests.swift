import CSodium
import Foundation
import Testing

@testable import Platform

struct PasswordHasherTests {
    /// libsodium's interactive preset, which Cairn stores: 2 passes over 64 MiB.
    private let hasher = PasswordHasher()
    /// A cheap hasher for tests that need a second set of parameters.
    private let cheapHasher = PasswordHasher(opsLimit: 1, memLimit: 8 * 1024 * 1024)

    @Test func defaultParametersAreInteractivePreset() {
        #expect(self.hasher.opsLimit == 2)
        #expect(self.hasher.memLimit == 64 * 1024 * 1024)
    }

    @Test func hashHasArgon2idFormat() throws {
        let encoded = try self.hasher.hash("correct horse battery staple")
        #expect(encoded.hasPrefix("$argon2id$v=19$m=65536,t=2,p=1$"))
        #expect(encoded.split(separator: "$").count == 5)
    }

    @Test func hashThenVerify() throws {
        let encoded = try self.hasher.hash("correct horse battery staple")
        #expect(self.hasher.verify("correct horse battery staple", against: encoded) == .valid)
        #expect(self.hasher.verify("correct horse battery stapl", against: encoded) == .invalid)
        #expect(self.hasher.verify("", against: encoded) == .invalid)
    }

    @Test func saltsDiffer() throws {
        #expect(try self.cheapHasher.hash("same") != self.cheapHasher.hash("same"))
    }

    @Test func nonASCIIAndEmptyPasswords() throws {
        let unicode = try self.cheapHasher.hash("pässwörd 日本語")
        #expect(self.cheapHasher.verify("pässwörd 日本語", against: unicode) == .valid)
        // The same text in decomposed form is other bytes, so it does not match.
        #expect(self.cheapHasher.verify("pa\u{0308}sswörd 日本語", against: unicode) == .invalid)

        let empty = try self.cheapHasher.hash("")
        #expect(self.cheapHasher.verify("", against: empty) == .valid)
        #expect(self.cheapHasher.verify(" ", against: empty) == .invalid)
    }

    @Test func bytesAfterNULCount() throws {
        let encoded = try self.cheapHasher.hash("abc\u{0}def")
        #expect(self.cheapHasher.verify("abc\u{0}def", against: encoded) == .valid)
        #expect(self.cheapHasher.verify("abc", against: encoded) == .invalid)
    }

    @Test func otherParametersNeedRehash() throws {
        let cheap = try self.cheapHasher.hash("secret")
        #expect(self.hasher.verify("secret", against: cheap) == .validNeedsRehash)
        #expect(self.hasher.verify("wrong", against: cheap) == .invalid)
    }

    @Test func tamperedArgon2HashIsInvalid() throws {
        let encoded = try self.cheapHasher.hash("secret")
        var characters = Array(encoded)
        let last = characters.count - 2
        characters[last] = characters[last] == "A" ? "B" : "A"
        #expect(self.cheapHasher.verify("secret", against: String(characters)) == .invalid)

        let otherPasses = encoded.replacingOccurrences(of: ",t=1,", with: ",t=2,")
        #expect(otherPasses != encoded)
        #expect(self.cheapHasher.verify("secret", against: otherPasses) == .invalid)
    }

    @Test(arguments: [
        "",
        "!",
        "!Z3z6bA0m5rJ1q3HtsR3vxqu1pJx7m0hZkq3YbTQf",
        "$argon2id$",
        "$argon2id$v=19$m=65536,t=2,p=1$",
        "$argon2id$v=19$m=65536,t=2$c29tZXNhbHQ$aGFzaA",
        "$argon2id$v=16$m=65536,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$argon2id$v=19$m=-1,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$argon2d$v=19$m=65536,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "argon2$argon2id$v=19$m=102400,t=2,p=8$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "md5$salt$0123456789abcdef0123456789abcdef",
        "sha1$salt$0123456789abcdef0123456789abcdef01234567",
        "plaintext",
    ])
    func unusableHashIsInvalid(encoded: String) {
        #expect(self.cheapHasher.verify("secret", against: encoded) == .invalid)
    }

    @Test func excessiveArgon2CostIsRejectedQuickly() {
        let salt = "c29tZXNhbHRzb21lc2FsdA"
        let hash = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        // 4 GiB of memory, above the 1 GiB cap.
        let hugeMemory = "$argon2id$v=19$m=4194304,t=2,p=1$\(salt)$\(hash)"
        // 1000 passes, above the cap of 4.
        let manyPasses = "$argon2id$v=19$m=65536,t=1000,p=1$\(salt)$\(hash)"

        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(self.hasher.verify("secret", against: hugeMemory) == .invalid)
            #expect(self.hasher.verify("secret", against: manyPasses) == .invalid)
        }
        #expect(elapsed < .milliseconds(50))
    }

    @Test func overlongHashIsInvalid() {
        let encoded = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$" + String(repeating: "A", count: 200)
        #expect(self.hasher.verify("secret", against: encoded) == .invalid)
    }

    @Test func dummyHashMatchesHashParameters() throws {
        let real = try self.hasher.hash("secret")
        let parameters = { (encoded: String) in encoded.split(separator: "$").prefix(3).joined(separator: "$") }
        #expect(parameters(self.hasher.dummyHash) == parameters(real))
        #expect(self.hasher.dummyHash.utf8.count == real.utf8.count)
        #expect(Argon2HashString(self.hasher.dummyHash) != nil)
        #expect(self.hasher.verify("secret", against: self.hasher.dummyHash) == .invalid)
        #expect(self.hasher.verify("", against: self.hasher.dummyHash) == .invalid)
    }

    @Test func dummyVerificationCostsAsMuchAsReal() throws {
        let encoded = try self.hasher.hash("secret")
        let clock = ContinuousClock()
        var realTimes: [Duration] = []
        var dummyTimes: [Duration] = []
        for _ in 0..<3 {
            realTimes.append(clock.measure { _ = self.hasher.verify("wrong", against: encoded) })
            dummyTimes.append(clock.measure { self.hasher.verifyAgainstDummy("wrong") })
        }
        // Medians, with a wide margin because other tests share the two cores. A dummy that
        // skipped Argon2 would take microseconds against tens of milliseconds.
        let realMedian = realTimes.sorted()[1]
        let dummyMedian = dummyTimes.sorted()[1]
        #expect(dummyMedian * 4 > realMedian)
        #expect(dummyMedian < realMedian * 4)
    }

    @Test func errorDescriptionIsGeneric() {
        #expect(
            PasswordError.hashingFailed.description
                == "Password hashing failed, most likely because memory could not be allocated."
        )
    }

    @Test func invalidParametersStopProcess() async {
        await #expect(processExitsWith: .failure) {
            _ = PasswordHasher(opsLimit: 0)
        }
        await #expect(processExitsWith: .failure) {
            _ = PasswordHasher(memLimit: 1024)
        }
    }
}
