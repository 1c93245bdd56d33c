import CoreMetrics
import Metrics
import Prometheus

/// The service's metrics, through swift-metrics with the Prometheus backend; one registry per
/// service (not the process-wide bootstrap), so tests can run several services in one process.
final class ServiceMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory

    init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        let buckets: [Duration] = [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                                   .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30)]
        factory.durationHistogramBuckets["asic_request_duration_seconds"] = buckets
        self.factory = factory
    }

    /// One answered request: by endpoint, HTTP status and container verdict (or "none").
    func request(endpoint: String, status: Int, verdict: String?, duration: Duration) {
        let dimensions = [("endpoint", endpoint), ("status", String(status)), ("verdict", verdict ?? "none")]
        Counter(label: "asic_requests_total", dimensions: dimensions, factory: factory).increment()
        Timer(label: "asic_request_duration_seconds", dimensions: [("endpoint", endpoint)], factory: factory)
            .recordNanoseconds(duration.nanoseconds)
    }

    /// Requests admitted and not yet answered.
    func inFlight(_ count: Int) {
        Gauge(label: "asic_requests_in_flight", factory: factory).record(count)
    }

    /// Requests refused because the service was full.
    func rejected(reason: String) {
        Counter(label: "asic_requests_rejected_total", dimensions: [("reason", reason)], factory: factory).increment()
    }

    /// The trust in use and the last refresh.
    func trust(loadedAt: Int64?, refreshSucceeded: Bool?, services: Int, now: Int64) {
        Gauge(label: "asic_trust_age_seconds", factory: factory).record(loadedAt.map { now - $0 } ?? -1)
        Gauge(label: "asic_trust_services", factory: factory).record(services)
        if let refreshSucceeded {
            Gauge(label: "asic_trust_last_refresh_success", factory: factory).record(refreshSucceeded ? 1 : 0)
        }
    }

    func refreshed(succeeded: Bool) {
        Counter(label: "asic_trust_refreshes_total", dimensions: [("outcome", succeeded ? "success" : "failure")], factory: factory).increment()
    }

    /// Process-wide certificate cache counters (hits save a parse).
    func cache(hits: Int, misses: Int) {
        Gauge(label: "asic_certificate_cache_hits", factory: factory).record(hits)
        Gauge(label: "asic_certificate_cache_misses", factory: factory).record(misses)
    }

    /// The exposition text of every metric.
    func exposition() -> String {
        registry.emitToString()
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
