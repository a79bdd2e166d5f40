import Foundation
import Testing

@testable import Platform

/// Runs Python 3 with PyJWT in a subprocess.
enum PyJWT {
    /// Whether `python3 -c "import jwt"` succeeds. Install PyJWT with `pip install pyjwt`.
    static let isAvailable: Bool = (try? PyJWT.run(script: "import jwt").status) == 0

    /// Runs `python3 -c script arguments...` and returns the exit status and standard output.
    static func run(script: String, arguments: [String] = []) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

@Suite(.enabled(if: PyJWT.isAvailable, "PyJWT is not installed: run `pip install pyjwt` to enable these tests"))
struct PyJWTInteropTests {
    private let signer = JWTSigner(secret: JWTTestSupport.secret)
    private let secretHex = JWTTestSupport.secret.map { String(format: "%02x", $0) }.joined()

    @Test func pyJWTVerifiesCairnToken() throws {
        // A year ahead of the current time, because PyJWT checks exp against the real clock.
        let exp = Int64(Date().timeIntervalSince1970) + 365 * 24 * 3600
        let claims = JWTTestSupport.accessClaims(exp: exp)
        let token = try self.signer.sign(claims)

        let script = """
            import json, sys, jwt
            claims = jwt.decode(sys.argv[1], bytes.fromhex(sys.argv[2]), algorithms=["HS256"])
            print(json.dumps(claims, sort_keys=True))
            """
        let result = try PyJWT.run(script: script, arguments: [token, self.secretHex])
        #expect(result.status == 0)

        let decoded = try JSONDecoder().decode(AccessTokenClaims.self, from: Data(result.output.utf8))
        #expect(decoded == claims)
    }

    @Test func pyJWTRejectsCairnTokenUnderOtherKey() throws {
        let claims = JWTTestSupport.accessClaims(exp: Int64(Date().timeIntervalSince1970) + 3600)
        let token = try JWTSigner(secret: JWTTestSupport.otherSecret).sign(claims)
        let script = """
            import sys, jwt
            try:
                jwt.decode(sys.argv[1], bytes.fromhex(sys.argv[2]), algorithms=["HS256"])
            except jwt.InvalidSignatureError:
                sys.exit(3)
            """
        #expect(try PyJWT.run(script: script, arguments: [token, self.secretHex]).status == 3)
    }

    @Test func cairnVerifiesPyJWTToken() throws {
        let script = """
            import sys, jwt
            payload = {
                "user_id": "6f9619ff-8b86-d011-b42d-00c04fc964ff",
                "email": "ada@example.com",
                "username": "ada",
                "roles": ["admin", "user"],
                "iat": 1750000000,
                "exp": 1750000900,
                "jti": "jti-1",
                "type": "access",
            }
            print(jwt.encode(payload, bytes.fromhex(sys.argv[1]), algorithm=sys.argv[2]), end="")
            """
        let result = try PyJWT.run(script: script, arguments: [self.secretHex, "HS256"])
        #expect(result.status == 0)

        let claims = try self.signer.verify(result.output, as: AccessTokenClaims.self, now: JWTTestSupport.now)
        #expect(claims == JWTTestSupport.accessClaims())
        // PyJWT's header must take the byte-for-byte fast path in JWTHeader.validate.
        #expect(result.output.hasPrefix(JWTHeader.canonicalEncoded + "."))

        let hs512 = try PyJWT.run(script: script, arguments: [self.secretHex, "HS512"])
        #expect(hs512.status == 0)
        #expect(throws: JWTError.unsupportedAlgorithm) {
            try self.signer.verify(hs512.output, as: AccessTokenClaims.self, now: JWTTestSupport.now)
        }
    }
}
