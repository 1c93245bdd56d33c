import Dispatch
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import PKI
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#endif

/// `asic serve`: the validation service. Stateless between requests (any load balancer can
/// spread it), trust loaded in the background and swapped whole on refresh, back-pressure
/// instead of queues, SIGTERM ends it gracefully (in-flight requests finish, then exit).
public final class ValidationService: Sendable {
    let configuration: ServiceConfiguration
    let trust: TrustState
    let pipeline: ValidationPipeline
    let logger: Logger
    private let spool: SpoolOwnership
    private let group: Locked<ServiceGroup?> = Locked(nil)

    /// `loadTrust` runs at start (in the background: probes answer at once) and on every
    /// refresh; a failed refresh keeps the trust in use.
    public init(configuration: ServiceConfiguration, logger: Logger, loadTrust: @escaping @Sendable () -> TrustLoad) throws {
        self.configuration = configuration
        self.logger = logger
        trust = TrustState(loader: loadTrust)
        SpoolSweeper.sweep(configuration.temporaryDirectory)
        guard let spool = SpoolOwnership(in: configuration.temporaryDirectory) else {
            throw ServiceError(.internalServerError, key: "service.temporary-directory",
                               "cannot create a private folder in \(configuration.temporaryDirectory): " + String(cString: strerror(errno)))
        }
        self.spool = spool
        pipeline = ValidationPipeline(configuration: configuration, trust: trust,
                                      gate: AdmissionGate(running: configuration.maxConcurrent, waiting: configuration.maxQueue),
                                      metrics: ServiceMetrics(), spoolFolder: spool.path)
    }

    /// The private folder uploads are spooled to (empty whenever no request is in flight).
    public var spoolFolder: String { pipeline.spoolFolder }

    /// Serves until SIGTERM or SIGINT (or `shutdown()`), then lets in-flight requests finish
    /// within the grace period. `onListening` gets the port bound (useful with port 0).
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let router = Router()
        router.add(middleware: RequestLog(logger: logger, metrics: pipeline.metrics))
        if let token = configuration.authToken { router.add(middleware: BearerAuth(token: Array(token.utf8))) }
        addRoutes(to: router)
        let events = MultiThreadedEventLoopGroup(numberOfThreads: max(1, configuration.threads))
        let logger = self.logger
        let host = configuration.host
        let app = Application(router: router,
                              configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "asic"),
                              onServerRunning: { channel in
                                  let port = channel.localAddress?.port ?? 0
                                  logger.info("listening", metadata: ["address": .string(host), "port": .stringConvertible(port)])
                                  await onListening(port)
                              },
                              eventLoopGroupProvider: .shared(events), logger: logger)
        var groupConfiguration = ServiceGroupConfiguration(services: [.init(service: app), 
                                                                      .init(service: TrustRefresher(service: self),
                                                                            successTerminationBehavior: .gracefullyShutdownGroup)],
                                                           gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = configuration.gracePeriod
        let group = ServiceGroup(configuration: groupConfiguration)
        self.group.withLock { $0 = group }
        defer { spool.release() }
        try await group.run()
        try? await events.shutdownGracefully()
    }

    /// Starts the graceful shutdown, as SIGTERM does.
    public func shutdown() async {
        await group.withLock { $0 }?.triggerGracefulShutdown()
    }

    /// Loads the trust now (on a worker thread) and records the outcome.
    func refreshTrust() async {
        let trust = self.trust
        let succeeded: Bool = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: trust.refresh()) }
        }
        pipeline.metrics.refreshed(succeeded: succeeded)
        let outcome = trust.refreshOutcome
        if succeeded {
            logger.info("trust loaded", metadata: ["services": .stringConvertible(trust.snapshot?.load.store.services.count ?? 0),
                                                   "anchors": .stringConvertible(trust.snapshot?.load.store.anchors.count ?? 0)])
        } else {
            logger.error("trust refresh failed; the trust in use stays", metadata: ["reason": .string(outcome?.message ?? "?")])
        }
        for problem in trust.snapshot?.load.problems ?? [] { logger.warning("trust", metadata: ["problem": .string(problem)]) }
    }
}

/// Loads the trust at start, then again every `refreshInterval`, until shutdown.
struct TrustRefresher: Service {
    let service: ValidationService

    func run() async throws {
        await service.refreshTrust()
        guard let interval = service.configuration.refreshInterval else {
            try? await gracefulShutdown()
            return
        }
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do { try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) } } catch { return }
            if Task.isShuttingDownGracefully { return }
            await service.refreshTrust()
        }
    }
}
