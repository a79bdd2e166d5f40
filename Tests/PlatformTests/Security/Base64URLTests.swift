import Testing

@testable import Platform

struct Base64URLTests {
    @Test func encodeRFC4648Vectors() {
        // RFC 4648 section 10, without padding.
        let vectors = [
            "": "", "f": "Zg", "fo": "Zm8", "foo": "Zm9v", "foob": "Zm9vYg", "fooba": "Zm9vYmE", "foobar": "Zm9vYmFy",
        ]
        for (plain, encoded) in vectors {
            #expect(Base64URL.encode(Array(plain.utf8)) == encoded, "encoding \(plain)")
            #expect(Base64URL.decode(encoded) == Array(plain.utf8), "decoding \(encoded)")
        }
    }

    @Test func encodeUsesURLAlphabet() {
        #expect(Base64URL.encode([0xfb, 0xff]) == "-_8")
        #expect(Base64URL.decode("-_8") == [0xfb, 0xff])
    }

    @Test(arguments: [
        "Zg==",  // padding
        "Zg=",  // partial padding
        "+_8",  // standard alphabet '+'
        "-/8",  // standard alphabet '/'
        "Zm 9v",  // inner space
        "Zm9v\n",  // trailing newline
        "Z",  // length that no byte string encodes to
        "Zh",  // non-zero unused bits: the canonical form of "f" is "Zg"
        "Zm9vé",  // non-ASCII
    ])
    func decodeRejects(_ text: String) {
        #expect(Base64URL.decode(text) == nil)
    }

    @Test func decodeSubstring() {
        let token = "xx.Zm9v.yy"
        let middle = token.split(separator: ".")[1]
        #expect(Base64URL.decode(middle) == Array("foo".utf8))
    }

    @Test func roundTripAllLengths() {
        for length in 0..<70 {
            let data = SecureRandom.bytes(length)
            #expect(Base64URL.decode(Base64URL.encode(data)) == data, "length \(length)")
        }
    }

    @Test func standardVariantRequiresPadding() {
        #expect(SodiumBase64.decode("Zm8=", variant: .standard) == Array("fo".utf8))
        #expect(SodiumBase64.decode("Zm8", variant: .standard) == nil)
        #expect(SodiumBase64.decode("Zm8==", variant: .standard) == nil)
        #expect(SodiumBase64.encode(Array("fo".utf8), variant: .standard) == "Zm8=")
    }
}
