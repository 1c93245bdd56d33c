import ASiC
import Validation

/// How `asic serve` listens, how much it accepts and how often it refreshes its trust.
public struct ServiceConfiguration: Sendable {
    public var host = "127.0.0.1"
    /// 0 takes any free port (tests); the port bound is reported to `onListening`.
    public var port = 8080
    /// Event-loop threads handling connections (validations run on their own threads).
    public var threads = 1
    /// Validations running at once; further admitted requests wait their turn.
    public var maxConcurrent = 2
    /// Requests admitted beyond those running (uploading or waiting); more get 503 + Retry-After.
    public var maxQueue = 16
    /// Largest request body in bytes (413 beyond it).
    public var maxBody = 64 << 20
    /// Time from a request's arrival to its answer; past it the client gets 503.
    public var deadline: Duration = .seconds(120)
    /// When set, every endpoint but the probes wants `Authorization: Bearer <token>`.
    public var authToken: String?
    /// How often the trust is reloaded in the background; nil never.
    public var refreshInterval: Duration?
    /// Trust older than this many seconds makes `/readyz` answer 503.
    public var staleAfter: Int64 = 48 * 3600
    /// How long in-flight requests may run after SIGTERM before the process exits anyway.
    public var gracePeriod: Duration = .seconds(30)
    /// Where uploads are spooled (a private folder is made inside it).
    public var temporaryDirectory = "/tmp"
    /// The policy of the native API (`/v1/validate`); SiVa requests name theirs.
    public var policy: ValidationPolicy = .dssDefault
    /// Zip and XML caps for every input.
    public var limits: ZipLimits = .default
    /// Reported in `/healthz` and the HTML reports.
    public var version = "asic"

    public init() {}
}
