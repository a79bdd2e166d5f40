import Testing

@testable import Platform

struct SecureRandomTests {
    @Test func bytesHaveRequestedCount() {
        #expect(SecureRandom.bytes(0).isEmpty)
        #expect(SecureRandom.bytes(1).count == 1)
        #expect(SecureRandom.bytes(64).count == 64)
    }

    @Test func bytesDiffer() {
        #expect(SecureRandom.bytes(32) != SecureRandom.bytes(32))
    }

    @Test func tokenIsUnpaddedBase64URL() {
        let token = SecureRandom.token()
        #expect(token.utf8.count == 43)
        #expect(Base64URL.decode(token)?.count == 32)
        #expect(SecureRandom.token(byteCount: 16).utf8.count == 22)
        #expect(SecureRandom.token() != SecureRandom.token())
    }
}
