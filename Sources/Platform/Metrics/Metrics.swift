import Foundation
import Synchronization

/// Request counters and latency histograms in Prometheus' text format.
///
/// Counts are kept per route template (never the raw path, so the label set stays bounded) and status.
public final class Metrics: Sendable {
    /// Upper bounds of the latency buckets, in seconds.
    static let bucketBounds: [Double] = [
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    ]

    private struct RouteKey: Hashable {
        var method: String
        var route: String
        var status: Int
    }

    private struct Histogram {
        var buckets = [UInt64](repeating: 0, count: Metrics.bucketBounds.count)
        var count: UInt64 = 0
        var sum: Double = 0
    }

    private struct State {
        var requests: [RouteKey: UInt64] = [:]
        var latency: [String: Histogram] = [:]
    }

    private let state = Mutex(State())
    /// Extra gauges read when the metrics are rendered, such as pool sizes and event lag.
    private let gauges = Mutex<[String: @Sendable () -> Double]>([:])

    public init() {}

    /// Records one finished request; `seconds` is the time from receipt to response.
    public func observe(method: String, route: String, status: Int, seconds: Double) {
        let key = RouteKey(method: method, route: route, status: status)
        self.state.withLock { state in
            state.requests[key, default: 0] += 1
            var histogram = state.latency[route] ?? Histogram()
            histogram.count += 1
            histogram.sum += seconds
            for (index, bound) in Metrics.bucketBounds.enumerated() where seconds <= bound {
                histogram.buckets[index] += 1
            }
            state.latency[route] = histogram
        }
    }

    /// Adds a gauge whose value `read` returns at scrape time.
    public func registerGauge(_ name: String, read: @escaping @Sendable () -> Double) {
        self.gauges.withLock { $0[name] = read }
    }

    /// The whole registry in Prometheus text exposition format 0.0.4.
    public func render() -> String {
        let (requests, latency) = self.state.withLock { ($0.requests, $0.latency) }
        var text = "# HELP cairn_http_requests_total HTTP requests by method, route and status.\n"
        text += "# TYPE cairn_http_requests_total counter\n"
        for (key, count) in requests.sorted(by: {
            ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status)
        }) {
            text +=
                "cairn_http_requests_total{method=\"\(key.method)\",route=\"\(Self.escape(key.route))\",status=\"\(key.status)\"} \(count)\n"
        }

        text += "# HELP cairn_http_request_duration_seconds Time from receipt to response.\n"
        text += "# TYPE cairn_http_request_duration_seconds histogram\n"
        for (route, histogram) in latency.sorted(by: { $0.key < $1.key }) {
            let label = "route=\"\(Self.escape(route))\""
            for (index, bound) in Metrics.bucketBounds.enumerated() {
                text +=
                    "cairn_http_request_duration_seconds_bucket{\(label),le=\"\(bound)\"} \(histogram.buckets[index])\n"
            }
            text += "cairn_http_request_duration_seconds_bucket{\(label),le=\"+Inf\"} \(histogram.count)\n"
            text += "cairn_http_request_duration_seconds_sum{\(label)} \(histogram.sum)\n"
            text += "cairn_http_request_duration_seconds_count{\(label)} \(histogram.count)\n"
        }

        for (name, read) in self.gauges.withLock({ $0 }).sorted(by: { $0.key < $1.key }) {
            text += "# TYPE \(name) gauge\n\(name) \(read())\n"
        }
        return text
    }

    private static func escape(_ label: String) -> String {
        label.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
