import Testing

@testable import Platform

struct DigestTests {
    @Test func sha256KnownVectors() {
        // FIPS 180-2 appendix B.1 and the digest of the empty string.
        #expect(
            Digest.sha256(Array("abc".utf8))
                == bytes(hex: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        )
        #expect(
            Digest.sha256([UInt8]()) == bytes(hex: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        )
    }

    @Test func sha256NonContiguousCollection() {
        let lazyBytes = "abc".utf8.lazy.map { $0 }
        #expect(Digest.sha256(lazyBytes) == Digest.sha256(Array("abc".utf8)))
    }

    @Test func sha256HexIsLowercase() {
        #expect(Digest.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Digest.sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func hmacSHA256RFC4231Vectors() {
        // RFC 4231 test case 1: 20-byte key.
        let shortKey = [UInt8](repeating: 0x0b, count: 20)
        #expect(
            Digest.hmacSHA256(key: shortKey, message: Array("Hi There".utf8))
                == bytes(hex: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        )

        // RFC 4231 test case 6: a 131-byte key, longer than the SHA-256 block.
        let longKey = [UInt8](repeating: 0xaa, count: 131)
        let message = Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)
        #expect(
            Digest.hmacSHA256(key: longKey, message: message)
                == bytes(hex: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
        )
    }

    @Test func hmacKeyReuseGivesSameTag() {
        // HMACSHA256Key copies its precomputed state for each tag, so repeated use must not drift.
        let key = HMACSHA256Key([UInt8](repeating: 0x0b, count: 20))
        let message = Array("Hi There".utf8)
        #expect(key.authenticate(message) == key.authenticate(message))
        #expect(
            key.authenticate(message) == Digest.hmacSHA256(key: [UInt8](repeating: 0x0b, count: 20), message: message)
        )
    }

    @Test func constantTimeEqualsCases() {
        #expect(Digest.constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!Digest.constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!Digest.constantTimeEquals([0, 2, 3], [1, 2, 3]))
        #expect(!Digest.constantTimeEquals([1, 2, 3], [1, 2]))
        #expect(!Digest.constantTimeEquals([], [1]))
        #expect(Digest.constantTimeEquals([], []))
    }
}
