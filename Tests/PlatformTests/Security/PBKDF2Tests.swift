import Testing

@testable import Platform

struct PBKDF2Tests {
    /// RFC 7914 section 11 vectors, which span two output blocks, and a one-block vector
    /// checked against Python's hashlib.pbkdf2_hmac.
    @Test(arguments: [
        (
            "passwd", "salt", 1, 64,
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"
        ),
        (
            "Password", "NaCl", 80000, 64,
            "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d"
        ),
        (
            "password", "salt", 4096, 32,
            "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"
        ),
    ])
    func knownVectors(password: String, salt: String, iterations: Int, keyLength: Int, expected: String) {
        let derived = PBKDF2.sha256(
            password: Array(password.utf8),
            salt: Array(salt.utf8),
            iterations: iterations,
            keyLength: keyLength
        )
        #expect(derived == bytes(hex: expected))
    }

    @Test func partialBlockIsPrefix() {
        let full = PBKDF2.sha256(password: Array("passwd".utf8), salt: Array("salt".utf8), iterations: 1, keyLength: 64)
        let short = PBKDF2.sha256(
            password: Array("passwd".utf8),
            salt: Array("salt".utf8),
            iterations: 1,
            keyLength: 40
        )
        #expect(short == Array(full.prefix(40)))
    }
}
