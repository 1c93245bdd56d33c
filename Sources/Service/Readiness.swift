import PKI
import Reports
#if canImport(Glibc)
import Glibc
#endif

/// What `/readyz` says: ready when trust is loaded, usable and younger than `staleAfter`; the
/// last refresh's outcome is shown either way (a failed refresh keeps the old trust).
struct Readiness {
    let ready: Bool
    let reason: String?
    let loadedAt: Int64?
    let services: Int
    let anchors: Int
    let lastRefresh: TrustState.RefreshOutcome?
    let now: Int64

    var json: JSON {
        .object([
            ("ready", .bool(ready)),
            ("reason", .string(reason)),
            ("trustLoadedAt", .string(loadedAt.map(ISOTime.format))),
            ("trustAgeSeconds", loadedAt.map { .int(now - $0) } ?? .null),
            ("trustedServices", .int(Int64(services))),
            ("trustAnchors", .int(Int64(anchors))),
            ("lastRefresh", lastRefresh.map { outcome in
                .object([("at", .string(ISOTime.format(outcome.at))), ("succeeded", .bool(outcome.succeeded)),
                         ("message", .string(outcome.message))])
            } ?? .null),
        ])
    }
}

extension ValidationService {
    func readiness() -> Readiness {
        let now = Int64(time(nil))
        let snapshot = trust.snapshot
        let reason: String? = if let snapshot {
            if !snapshot.load.isUsable { "no trusted service or anchor is loaded" }
            else if now - snapshot.loadedAt > configuration.staleAfter { "the trust was loaded \(now - snapshot.loadedAt) s ago, longer than \(configuration.staleAfter) s" }
            else { nil }
        } else {
            "the trust is still loading"
        }
        return Readiness(ready: reason == nil, reason: reason, loadedAt: snapshot?.loadedAt,
                         services: snapshot?.load.store.services.count ?? 0, anchors: snapshot?.load.store.anchors.count ?? 0,
                         lastRefresh: trust.refreshOutcome, now: now)
    }
}
