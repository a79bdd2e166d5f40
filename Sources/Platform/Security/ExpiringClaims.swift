/// JWT claims with an expiration time, which `JWTSigner.verify` checks.
public protocol ExpiringClaims {
    /// Expiration time (`exp`) in whole seconds since 1970-01-01 UTC. The token is valid only
    /// before this instant.
    var exp: Int64 { get }
}
