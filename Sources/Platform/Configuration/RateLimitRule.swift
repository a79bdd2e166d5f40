import Foundation

/// A fixed-window limit: `limit` requests per `period` seconds.
public struct RateLimitRule: Sendable, Equatable {
    public var limit: Int
    /// Window length in seconds.
    public var period: Int

    public init(limit: Int, period: Int) {
        self.limit = limit
        self.period = period
    }

    /// Parses `N/second`, `N/minute`, `N/hour` or `N/day`; `off` gives nil. Throws on anything else.
    public static func parse(_ text: String) throws(SettingsError) -> RateLimitRule? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed == "off" { return nil }
        let parts = trimmed.split(separator: "/")
        guard parts.count == 2, let limit = Int(parts[0]), limit > 0 else {
            throw SettingsError("invalid rate limit \"\(text)\": use N/second, N/minute, N/hour, N/day or off")
        }
        let period: Int
        switch parts[1] {
        case "second", "s", "sec": period = 1
        case "minute", "m", "min": period = 60
        case "hour", "h": period = 3600
        case "day", "d": period = 86_400
        default: throw SettingsError("invalid rate limit period in \"\(text)\": use second, minute, hour or day")
        }
        return RateLimitRule(limit: limit, period: period)
    }
}
