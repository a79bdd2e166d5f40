import Foundation
import Testing

@testable import Platform

struct JWTSignerTests {
    private let signer = JWTSigner(secret: JWTTestSupport.secret)
    private let now = JWTTestSupport.now
    private let header = #"{"alg":"HS256","typ":"JWT"}"#

    private func expectRejection(
        _ token: String,
        _ expected: JWTError,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(throws: expected, sourceLocation: sourceLocation) {
            try self.signer.verify(token, as: AccessTokenClaims.self, now: self.now)
        }
    }

    // MARK: Accepted tokens

    @Test func accessTokenRoundTrip() throws {
        let claims = JWTTestSupport.accessClaims()
        let token = try self.signer.sign(claims)
        #expect(token.hasPrefix(JWTHeader.canonicalEncoded + "."))
        #expect(try self.signer.verify(token, as: AccessTokenClaims.self, now: self.now) == claims)
    }

    @Test func refreshTokenRoundTrip() throws {
        let claims = RefreshTokenClaims(
            userID: JWTTestSupport.userID,
            iat: 1_750_000_000,
            exp: 1_752_592_000,
            jti: "r-1"
        )
        let token = try self.signer.sign(claims)
        let verified = try self.signer.verify(token, as: RefreshTokenClaims.self, now: self.now)
        #expect(verified == claims)
        #expect(verified.type == "refresh")
        #expect(verified.userID == "6f9619ff-8b86-d011-b42d-00c04fc964ff")
    }

    @Test func claimNamesAreSnakeCase() throws {
        let token = try self.signer.sign(JWTTestSupport.accessClaims())
        let payload = try #require(Base64URL.decode(token.split(separator: ".")[1]))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(payload)) as? [String: Any])
        #expect(Set(object.keys) == ["user_id", "email", "username", "roles", "iat", "exp", "jti", "type"])
        #expect(object["user_id"] as? String == "6f9619ff-8b86-d011-b42d-00c04fc964ff")
        #expect(object["type"] as? String == "access")
    }

    @Test func otherHeaderWithHS256IsAccepted() throws {
        // Key order, spacing and extra members differ from the canonical header, so this takes
        // the JSONDecoder path.
        let token = JWTTestSupport.hs256Token(
            header: #"{ "typ": "JWT", "kid": "key-1", "alg": "HS256" }"#,
            payload: JWTTestSupport.accessPayloadJSON()
        )
        #expect(
            try self.signer.verify(token, as: AccessTokenClaims.self, now: self.now) == JWTTestSupport.accessClaims()
        )
    }

    @Test func headerWithoutTypIsAccepted() throws {
        let token = JWTTestSupport.hs256Token(header: #"{"alg":"HS256"}"#, payload: JWTTestSupport.accessPayloadJSON())
        #expect(try self.signer.verify(token, as: AccessTokenClaims.self, now: self.now).username == "ada")
    }

    // MARK: Algorithms

    @Test func algNoneWithoutSignatureIsRejected() {
        let encodedHeader = Base64URL.encode(Array(#"{"alg":"none","typ":"JWT"}"#.utf8))
        let encodedPayload = Base64URL.encode(Array(JWTTestSupport.accessPayloadJSON().utf8))
        self.expectRejection(encodedHeader + "." + encodedPayload + ".", .malformed)
    }

    @Test(arguments: [
        #"{"alg":"none","typ":"JWT"}"#,
        #"{"alg":"None"}"#,
        #"{"alg":"HS512","typ":"JWT"}"#,
        #"{"alg":"RS256","typ":"JWT"}"#,
        #"{"alg":"hs256"}"#,
        #"{"alg":"HS256 "}"#,
        #"{"alg":256}"#,
        #"{"alg":null}"#,
        #"{"alg":["HS256"]}"#,
        #"{"typ":"JWT"}"#,
        #"{}"#,
        #"{"alg":"HS256","crit":["exp"],"exp":1}"#,
    ])
    func unsupportedHeaderIsRejected(header: String) {
        // Signed with HMAC-SHA256 under the right key, so only the header can be at fault.
        let token = JWTTestSupport.hs256Token(header: header, payload: JWTTestSupport.accessPayloadJSON())
        self.expectRejection(token, .unsupportedAlgorithm)
    }

    @Test func hs512SignedWithSameKeyIsRejected() {
        let token = JWTTestSupport.hs512Token(
            header: #"{"alg":"HS512","typ":"JWT"}"#,
            payload: JWTTestSupport.accessPayloadJSON()
        )
        self.expectRejection(token, .unsupportedAlgorithm)
    }

    @Test func hs512SignatureUnderHS256HeaderIsRejected() {
        let token = JWTTestSupport.hs512Token(header: self.header, payload: JWTTestSupport.accessPayloadJSON())
        self.expectRejection(token, .invalidSignature)
    }

    @Test(arguments: [
        "not json",
        #"["alg","HS256"]"#,
        #""HS256""#,
        #"{"alg":"HS256""#,
    ])
    func headerThatIsNotJSONObjectIsMalformed(header: String) {
        let token = JWTTestSupport.hs256Token(header: header, payload: JWTTestSupport.accessPayloadJSON())
        self.expectRejection(token, .malformed)
    }

    // MARK: Signatures

    @Test func wrongKeyIsRejected() throws {
        let token = try JWTSigner(secret: JWTTestSupport.otherSecret).sign(JWTTestSupport.accessClaims())
        self.expectRejection(token, .invalidSignature)
    }

    @Test func tamperedPayloadIsRejected() throws {
        let token = try self.signer.sign(JWTTestSupport.accessClaims())
        let parts = token.split(separator: ".")
        let forgedPayload = Base64URL.encode(
            Array(JWTTestSupport.accessPayloadJSON(["roles": ["admin", "superuser"]]).utf8)
        )
        self.expectRejection([parts[0], Substring(forgedPayload), parts[2]].joined(separator: "."), .invalidSignature)
    }

    @Test func tamperedSignatureIsRejected() throws {
        let token = try self.signer.sign(JWTTestSupport.accessClaims())
        var signature = try #require(Base64URL.decode(token.split(separator: ".")[2]))
        signature[0] ^= 0x01
        let parts = token.split(separator: ".")
        self.expectRejection("\(parts[0]).\(parts[1]).\(Base64URL.encode(signature))", .invalidSignature)
    }

    @Test func shortSignatureIsRejected() throws {
        let token = try self.signer.sign(JWTTestSupport.accessClaims())
        let signature = try #require(Base64URL.decode(token.split(separator: ".")[2]))
        let parts = token.split(separator: ".")
        self.expectRejection("\(parts[0]).\(parts[1]).\(Base64URL.encode(signature.prefix(16)))", .invalidSignature)
    }

    // MARK: Structure

    @Test func truncatedTokenIsRejected() throws {
        let token = try self.signer.sign(JWTTestSupport.accessClaims())
        let parts = token.split(separator: ".")
        self.expectRejection("\(parts[0]).\(parts[1])", .malformed)
        self.expectRejection("\(parts[0]).\(parts[1]).", .malformed)
        self.expectRejection(String(parts[0]), .malformed)

        // Dropping the last character either breaks the base64url or shortens the signature,
        // depending on the signature's last bits.
        let shortened = String(token.dropLast())
        #expect(throws: JWTError.self) {
            try self.signer.verify(shortened, as: AccessTokenClaims.self, now: self.now)
        }
        do {
            _ = try self.signer.verify(shortened, as: AccessTokenClaims.self, now: self.now)
        } catch {
            #expect(error == .malformed || error == .invalidSignature)
        }
    }

    @Test func extraSegmentsAreRejected() throws {
        let token = try self.signer.sign(JWTTestSupport.accessClaims())
        self.expectRejection(token + ".", .malformed)
        self.expectRejection(token + ".e30", .malformed)
        self.expectRejection(token + ".e30.e30", .malformed)
    }

    @Test(arguments: [
        "",
        "garbage",
        ".",
        "..",
        "...",
        "a.b.c",
        "é.é.é",
        "e30.e30.e30=",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9..AAAA",
    ])
    func garbageIsMalformed(token: String) {
        self.expectRejection(token, .malformed)
    }

    @Test func paddedSegmentIsMalformed() throws {
        let token = try self.signer.sign(JWTTestSupport.accessClaims())
        let parts = token.split(separator: ".")
        self.expectRejection("\(parts[0]).\(parts[1])=.\(parts[2])", .malformed)
        self.expectRejection(token + "=", .malformed)
        self.expectRejection(" " + token, .malformed)
    }

    @Test func overlongTokenIsMalformed() {
        let payload = JWTTestSupport.accessPayloadJSON([
            "email": String(repeating: "a", count: JWTSigner.maxTokenLength)
        ])
        let token = JWTTestSupport.hs256Token(header: self.header, payload: payload)
        self.expectRejection(token, .malformed)
    }

    // MARK: Claims

    @Test func expirationHasNoLeeway() throws {
        let exp: Int64 = 1_750_000_000
        let token = try self.signer.sign(JWTTestSupport.accessClaims(exp: exp))
        #expect(throws: JWTError.expired) {
            try self.signer.verify(token, as: AccessTokenClaims.self, now: Date(timeIntervalSince1970: 1_750_000_000))
        }
        #expect(throws: JWTError.expired) {
            try self.signer.verify(token, as: AccessTokenClaims.self, now: Date(timeIntervalSince1970: 1_750_003_600))
        }
        let justBefore = Date(timeIntervalSince1970: 1_749_999_999.999)
        #expect(try self.signer.verify(token, as: AccessTokenClaims.self, now: justBefore).exp == exp)
    }

    @Test func badSignatureReportedBeforeExpiry() throws {
        // An expired token with a bad signature reports the signature, so that an expired-token
        // message is never shown for a forgery.
        let token = try JWTSigner(secret: JWTTestSupport.otherSecret).sign(JWTTestSupport.accessClaims(exp: 1))
        self.expectRejection(token, .invalidSignature)
    }

    @Test(arguments: ["user_id", "email", "username", "roles", "iat", "exp", "jti", "type"])
    func missingClaimIsRejected(claim: String) {
        let token = JWTTestSupport.hs256Token(
            header: self.header,
            payload: JWTTestSupport.accessPayloadJSON([claim: nil])
        )
        self.expectRejection(token, .invalidClaims)
    }

    @Test(arguments: [
        ("type", "refresh" as any Sendable),
        ("user_id", "6F9619FF-8B86-D011-B42D-00C04FC964FF" as any Sendable),
        ("user_id", "not-a-uuid" as any Sendable),
        ("exp", "1750000900" as any Sendable),
        ("exp", 1_750_000_900.5 as any Sendable),
        ("roles", "admin" as any Sendable),
    ])
    func wrongClaimValueIsRejected(claim: String, value: any Sendable) {
        let token = JWTTestSupport.hs256Token(
            header: self.header,
            payload: JWTTestSupport.accessPayloadJSON([claim: value])
        )
        self.expectRejection(token, .invalidClaims)
    }

    @Test func refreshTokenIsNotAnAccessToken() throws {
        let refresh = RefreshTokenClaims(
            userID: JWTTestSupport.userID,
            iat: 1_750_000_000,
            exp: 1_752_592_000,
            jti: "r-1"
        )
        self.expectRejection(try self.signer.sign(refresh), .invalidClaims)
    }

    @Test func accessTokenIsNotARefreshToken() throws {
        let token = try self.signer.sign(JWTTestSupport.accessClaims())
        #expect(throws: JWTError.invalidClaims) {
            try self.signer.verify(token, as: RefreshTokenClaims.self, now: self.now)
        }
    }

    @Test func payloadThatIsNotJSONIsRejected() {
        let token = JWTTestSupport.hs256Token(header: self.header, payload: "not json")
        self.expectRejection(token, .invalidClaims)
    }

    @Test func signRejectsNonObjectClaims() {
        #expect(throws: JWTError.invalidClaims) {
            try self.signer.sign(["a", "b"])
        }
    }

    // MARK: Errors and configuration

    @Test func errorDescriptionsAreGeneric() {
        let errors: [JWTError] = [.malformed, .unsupportedAlgorithm, .invalidSignature, .expired, .invalidClaims]
        let descriptions = Set(errors.map(\.description))
        #expect(descriptions.count == errors.count)
        for description in descriptions {
            #expect(description.hasPrefix("The token"))
        }
    }

    @Test func shortSecretStopsProcess() async {
        await #expect(processExitsWith: .failure) {
            _ = JWTSigner(secret: [UInt8](repeating: 1, count: 31))
        }
    }
}
