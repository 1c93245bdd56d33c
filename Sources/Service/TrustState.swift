import ASiC
import DDOC
import PKI
import Reports
import ServiceClients
import Trust
import Validation
#if canImport(Glibc)
import Glibc
#endif

/// What one trust load produced: the store, the DDOC trust, and what went wrong on the way.
public struct TrustLoad: Sendable {
    public let store: TrustStore
    public let ddoc: DDOCValidator
    /// Problems worth an operator's attention (a list that failed, an expired signer …).
    public let problems: [String]
    /// Revocation sources used while validating (nil: offline).
    public let fetcher: OCSPFetcher?
    public let crlSource: CRLSource?

    public init(store: TrustStore, ddoc: DDOCValidator, problems: [String], fetcher: OCSPFetcher?, crlSource: CRLSource?) {
        self.store = store
        self.ddoc = ddoc
        self.problems = problems
        self.fetcher = fetcher
        self.crlSource = crlSource
    }

    /// Whether anything can be trusted at all: a listed service or an own anchor.
    public var isUsable: Bool { !store.services.isEmpty || !store.anchors.isEmpty }
}

/// The trust requests validate with, swapped whole when a refresh succeeds: a request takes
/// the snapshot current when it starts and never waits for a refresh.
final class TrustState: Sendable {
    struct Snapshot: Sendable {
        let load: TrustLoad
        let loadedAt: Int64
    }

    struct RefreshOutcome: Sendable {
        let at: Int64
        let succeeded: Bool
        let message: String?
    }

    private let current: Locked<Snapshot?> = Locked(nil)
    private let lastRefresh: Locked<RefreshOutcome?> = Locked(nil)
    private let loader: @Sendable () -> TrustLoad

    init(loader: @escaping @Sendable () -> TrustLoad) {
        self.loader = loader
    }

    var snapshot: Snapshot? { current.withLock { $0 } }
    var refreshOutcome: RefreshOutcome? { lastRefresh.withLock { $0 } }

    /// Loads the trust; the new snapshot replaces the old one only when it is usable and, if it
    /// holds fewer trusted services, every list loaded without a problem (a list that could not
    /// be fetched must not shrink the trust; a service the lists really dropped goes);
    /// otherwise the old one stays and the failure is recorded.
    @discardableResult
    func refresh() -> Bool {
        let started = Int64(time(nil))
        let load = loader()
        let previous = snapshot
        var failure: String?
        if !load.isUsable {
            failure = "no trusted service or anchor could be loaded" + (load.problems.first.map { ": " + $0 } ?? "")
        } else if let previous, load.store.services.count < previous.load.store.services.count, !load.problems.isEmpty {
            failure = "the new trust has \(load.store.services.count) services, fewer than the \(previous.load.store.services.count) in use"
                + (load.problems.first.map { ": " + $0 } ?? "")
        }
        if failure == nil || previous == nil {
            current.withLock { $0 = Snapshot(load: load, loadedAt: started) }
        }
        lastRefresh.withLock { $0 = RefreshOutcome(at: started, succeeded: failure == nil, message: failure) }
        return failure == nil
    }

    /// The engine for one request under `policy`, with the trust of the moment.
    func engine(policy: ValidationPolicy, limits: ZipLimits, staleAfter: Int64) -> InputValidator? {
        // Trust older than the readiness limit validates nothing: /readyz already says 503.
        guard let snapshot, Int64(time(nil)) - snapshot.loadedAt <= staleAfter else { return nil }
        let load = snapshot.load
        return InputValidator(validator: Validator(policy: policy, store: load.store, fetcher: load.fetcher, crlSource: load.crlSource,
                                                   limits: limits, ddoc: load.ddoc),
                              ddoc: load.ddoc)
    }
}
