import ArgumentParser
import ASiC
import Batch
import CommandLineSupport
import DDOC
import Findings
import Logging
import PKI
import Service
import ServiceClients
import Trust
import Validation
#if canImport(Glibc)
import Glibc
#endif

/// `asic serve`: the `asic` command runs this executable (installed beside it) with the arguments
/// that follow `serve`, so the command line stays free of the HTTP stack.
@main
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asic serve",
        abstract: "Run the validation service: SiVa-compatible POST /validate, native POST /v1/validate, probes and metrics.",
        discussion: """
        Endpoints: POST /validate (SiVa: JSON with the document in base64), POST /v1/validate (the raw \
        container as the body; Accept: application/json, text/html, application/xml or text/plain), \
        GET /healthz, GET /readyz, GET /metrics (Prometheus), GET /openapi.yaml. One log line per request \
        on standard error. SIGTERM or SIGINT: stop accepting, let running requests finish (--grace), exit 0.

        Examples:
          asic serve --listen 0.0.0.0:8080
          asic serve --offline --tsl test/tl-mp-test-EE.xml --tsl-cert test/trusted-test-tsl.crt
          asic serve --auth-token-file /run/secrets/asic-token --tsl-refresh 6h
        """,
        version: AsicVersion.string
    )

    @Option(help: ArgumentHelp("Address and port to listen on.", valueName: "host:port"))
    var listen = "127.0.0.1:8080"

    @Option(help: ArgumentHelp("Event-loop threads for connections.", valueName: "n"))
    var threads = 1

    @Option(name: .customLong("max-concurrent"), help: ArgumentHelp("Validations running at once (default: the number of cores).", valueName: "n"))
    var maxConcurrent: Int?

    @Option(name: .customLong("max-queue"), help: ArgumentHelp("Requests admitted beyond those running; more get 503 and Retry-After.", valueName: "n"))
    var maxQueue = 16

    @Option(name: .customLong("max-body"), help: ArgumentHelp("Largest container accepted, in bytes (413 beyond).", valueName: "bytes"))
    var maxBody = 64 << 20

    @Option(help: ArgumentHelp("Seconds from a request's arrival to its answer (503 beyond).", valueName: "seconds"))
    var deadline = 120

    @Option(help: ArgumentHelp("Seconds running requests may take after SIGTERM.", valueName: "seconds"))
    var grace = 30

    @Option(name: .customLong("auth-token-file"), help: ArgumentHelp("Require Authorization: Bearer with the token in this file (probes stay open).", valueName: "file"))
    var authTokenFile: String?

    @Option(name: .customLong("tsl-refresh"), help: ArgumentHelp("Reload the trust in the background this often (e.g. 6h, 30m; 0 never).", valueName: "duration"))
    var tslRefresh = "6h"

    @Option(help: ArgumentHelp("Policy of /v1/validate: default, ee, ee-polv3, or a policy file (SiVa requests name theirs).", valueName: "name|file"))
    var policy: String = "default"

    @OptionGroup var trust: TrustOptions

    @Option(name: .customLong("trust-anchors"), help: ArgumentHelp("CA, OCSP responder and TSA certificates trusted directly (PEM/DER file or folder).", valueName: "dir|file"))
    var trustAnchors: [String] = []

    @OptionGroup var limits: LimitOptions

    func validate() throws {
        guard Self.hostAndPort(listen) != nil else { throw ValidationError("--listen wants host:port, such as 127.0.0.1:8080 or 0.0.0.0:8080") }
        guard Self.seconds(tslRefresh) != nil else { throw ValidationError("--tsl-refresh wants a duration such as 6h, 30m, 90s or 0") }
        guard threads >= 1, maxQueue >= 0, maxBody >= 1, deadline >= 1, grace >= 0, (maxConcurrent ?? 1) >= 1 else {
            throw ValidationError("--threads, --max-concurrent, --max-body and --deadline must be positive; --max-queue and --grace not negative")
        }
        // Bounds far above any real use, so that no arithmetic on them can overflow.
        guard threads <= 1024, maxQueue <= 1_000_000, (maxConcurrent ?? 1) <= 4096, maxBody <= 1 << 40, deadline <= 7 * 86400, grace <= 86400,
              Self.seconds(tslRefresh).map({ $0 <= 365 * 86400 }) ?? true else {
            throw ValidationError("at most: --threads 1024, --max-concurrent 4096, --max-queue 1000000, --max-body 1 TiB, --deadline and --tsl-refresh a week and a year, --grace a day")
        }
    }

    func run() async throws {
        var configuration = ServiceConfiguration()
        (configuration.host, configuration.port) = Self.hostAndPort(listen)!
        configuration.threads = threads
        configuration.maxConcurrent = maxConcurrent ?? max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        configuration.maxQueue = maxQueue
        configuration.maxBody = maxBody
        configuration.deadline = .seconds(deadline)
        configuration.gracePeriod = .seconds(grace)
        configuration.limits = limits.limits
        configuration.version = "asic \(AsicVersion.string)"
        configuration.temporaryDirectory = TemporaryFolder.path
        let refresh = Self.seconds(tslRefresh)!
        configuration.refreshInterval = refresh > 0 ? .seconds(refresh) : nil
        // Ready (and validating) while the trust is younger than two refresh periods; trust that is
        // never refreshed never goes stale here (each list's own nextUpdate is judged in validation).
        configuration.staleAfter = refresh > 0 ? 2 * refresh : .max
        do { configuration.policy = try ValidationPolicy.load(policy) } catch {
            Console.error(policy, error.message)
            throw Exit.usage
        }
        if let authTokenFile { configuration.authToken = try Self.token(authTokenFile) }
        // Arguments are checked before serving: unreadable anchors or list signers are usage errors.
        let anchors = try trust.anchors(trustAnchors)
        try trust.checkListSigners()
        let trust = self.trust
        let ddoc = trust.ddocValidator(anchors: anchors, paths: trustAnchors)
        let loadTrust: @Sendable () -> TrustLoad = {
            let listed = trust.listedServices(now: Int64(time(nil)))
            return TrustLoad(store: TrustStore(services: listed.services, anchors: anchors), ddoc: ddoc,
                             problems: listed.problems.map { "\($0.subject): \($0.message)" } + (listed.failure.map { ["\(trust.tsl): \($0)"] } ?? []),
                             fetcher: trust.offline ? nil : OCSPFetcher(responderURL: nil, timeout: trust.timeout),
                             crlSource: trust.crlSource)
        }
        var logger = Logger(label: "asic.serve")
        logger.logLevel = .info
        let service: ValidationService
        do { service = try ValidationService(configuration: configuration, logger: logger, loadTrust: loadTrust) } catch {
            Console.error(configuration.temporaryDirectory, "\(error)")
            throw Exit.cannotWrite
        }
        do { try await service.run() } catch {
            Console.error(listen, "the service stopped: \(error)")
            throw ExitCode(1)
        }
    }

    /// `host:port` (the host may be empty for all addresses, or a bracketed IPv6 address).
    static func hostAndPort(_ text: String) -> (String, Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host.isEmpty ? "0.0.0.0" : host, port)
    }

    /// `6h`, `30m`, `90s`, `1d` or a bare number of seconds.
    static func seconds(_ text: String) -> Int64? {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        if let value = Int64(text), value >= 0 { return value }
        guard let unit = text.last, let factor = units[unit], let value = Int64(text.dropLast()), value >= 0 else { return nil }
        let (seconds, overflow) = value.multipliedReportingOverflow(by: factor)
        return overflow ? nil : seconds
    }

    /// The bearer token: the file's first line, which must not be empty.
    static func token(_ path: String) throws -> String {
        do {
            let file = try RandomAccessFile(path: path)
            guard file.size <= 4096 else { throw InputError(key: "service.token", message: "the token file is larger than 4 KiB") }
            let text = String(decoding: try file.read(at: 0, count: Int(file.size)), as: UTF8.self)
            let token = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingWhitespace } ?? ""
            guard !token.isEmpty else { throw InputError(key: "service.token", message: "the token file is empty") }
            return token
        } catch let error as InputError {
            Console.error(path, error.message)
            throw Exit.usage
        }
    }
}
