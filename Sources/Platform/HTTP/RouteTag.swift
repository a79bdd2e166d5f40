/// Route tags that the pipeline reads.
public enum RouteTag {
    /// Login, register, refresh and password forgot/reset: the per-address authentication limit applies.
    public static let authenticationLimit = "rate-limit:auth"
    /// Health, readiness, metrics and the OpenAPI document: no rate limit, no access to domain data.
    public static let operations = "operations"
}
