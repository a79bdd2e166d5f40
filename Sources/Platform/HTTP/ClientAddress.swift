import Foundation

/// The address a request came from.
enum ClientAddress {
    /// Returns the peer address, unless the peer is a trusted proxy. Then it returns the right-most `X-Forwarded-For` entry that is
    /// not itself a trusted proxy, since entries further left may be forged by the client.
    static func resolve(peer: String, forwardedFor: String?, trustedProxies: Set<String>) -> String {
        guard !trustedProxies.isEmpty, trustedProxies.contains(peer), let forwardedFor else { return peer }
        let hops = forwardedFor.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() where !hop.isEmpty && !trustedProxies.contains(hop) {
            return hop
        }
        return peer
    }
}
