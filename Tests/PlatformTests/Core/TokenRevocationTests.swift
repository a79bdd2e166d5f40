import Foundation
import HTTPServer
import Platform
import Testing

@Suite struct TokenRevocationTests {
    private let secret = Array("a-test-key-that-is-at-least-32-bytes-long".utf8)

    private func token(userID: UUID, issued: Date, signer: JWTSigner) throws -> String {
        let seconds = Int64(issued.timeIntervalSince1970)
        return try signer.sign(
            AccessTokenClaims(
                userID: userID,
                email: "a@example.com",
                username: "a",
                roles: ["admin"],
                iat: seconds,
                exp: seconds + 3600,
                jti: TokenID.make(now: issued)
            )
        )
    }

    @Test func tokenIDCarriesMilliseconds() {
        let now = Date(timeIntervalSince1970: 1_800_000_000.123)
        #expect(TokenID.milliseconds(of: TokenID.make(now: now)) == 1_800_000_000_123)
        #expect(TokenID.milliseconds(of: UUID().uuidString) == nil)
    }

    @Test func revocationRejectsOlderTokensWithinTheSameSecond() throws {
        let signer = JWTSigner(secret: self.secret)
        let revocations = TokenRevocations()
        let verifier = AccessTokenVerifier(signer: signer, revocations: revocations)
        let user = UUID()
        let base = Date()
        let old = try self.token(userID: user, issued: base, signer: signer)
        let cutOff = Int64(base.timeIntervalSince1970 * 1000) + 1
        revocations.revoke(userID: user.uuidString.lowercased(), issuedBefore: cutOff)
        let new = try self.token(userID: user, issued: base.addingTimeInterval(0.002), signer: signer)

        guard case .failure(let error) = verifier.authenticate(header: "Bearer \(old)") else {
            Issue.record("revoked token accepted")
            return
        }
        #expect(error.code == "INVALID_TOKEN")
        guard case .success(let caller) = verifier.authenticate(header: "Bearer \(new)") else {
            Issue.record("new token rejected")
            return
        }
        #expect(caller?.isAdmin == true)
    }

    @Test func headerFormsMapToTheContractCodes() throws {
        let verifier = AccessTokenVerifier(signer: JWTSigner(secret: self.secret), revocations: TokenRevocations())
        let cases: [(String?, String?)] = [
            (nil, nil), ("Basic abc", "AUTHENTICATION_FAILED"), ("Bearer", "INVALID_TOKEN"),
            ("Bearer garbage", "INVALID_TOKEN"), ("Bearer a.b.c", "INVALID_TOKEN"),
        ]
        for (header, expected) in cases {
            switch verifier.authenticate(header: header) {
            case .success(let user):
                #expect(expected == nil, "header \(header ?? "none") was accepted")
                #expect(user == nil)
            case .failure(let error):
                #expect(error.code == expected, "header \(header ?? "none")")
            }
        }
    }

    @Test func expiredTokenIsReportedAsExpired() throws {
        let signer = JWTSigner(secret: self.secret)
        let verifier = AccessTokenVerifier(signer: signer, revocations: TokenRevocations())
        let token = try self.token(userID: UUID(), issued: Date().addingTimeInterval(-7200), signer: signer)
        guard case .failure(let error) = verifier.authenticate(header: "Bearer \(token)") else {
            Issue.record("expired token accepted")
            return
        }
        #expect(error.code == "TOKEN_EXPIRED")
    }
}
