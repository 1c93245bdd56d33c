import DDOC
import Foundation
import Logging
import Net
import PKI
import Service
import TestSupport
import Trust
import Validation

/// A validation service running in this test process on a free loopback port, with the
/// bundled test trusted list (offline), stopped with `stop()`.
final class ServiceHarness: @unchecked Sendable {
    let service: ValidationService
    let port: Int
    private let running: Task<Void, Error>

    var base: String { "http://127.0.0.1:\(port)" }

    /// Starts a service and waits until it listens and its trust is loaded.
    static func start(_ adjust: (inout ServiceConfiguration) -> Void = { _ in }, waitUntilReady: Bool = true,
                      trust: @escaping @Sendable () -> TrustLoad = ServiceHarness.ownTrust) async throws -> ServiceHarness {
        var configuration = ServiceConfiguration()
        configuration.port = 0
        configuration.temporaryDirectory = try scratchFolder()
        configuration.version = "asic test"
        adjust(&configuration)
        var logger = Logger(label: "asic.serve.test")
        logger.logLevel = .warning
        let service = try ValidationService(configuration: configuration, logger: logger, loadTrust: trust)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let running = Task { try await service.run { port in continuation.yield(port) } }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw HarnessError.notStarted }
        let harness = ServiceHarness(service: service, port: port, running: running)
        // Ready means the trust is loaded (the readiness probe says so).
        for _ in 0..<200 where waitUntilReady {
            if (try? await harness.get("/readyz").status) == 200 { return harness }
            try await Task.sleep(for: .milliseconds(25))
        }
        return harness
    }

    private init(service: ValidationService, port: Int, running: Task<Void, Error>) {
        self.service = service
        self.port = port
        self.running = running
    }

    /// Graceful shutdown; returns when the service has stopped.
    func stop() async throws {
        await service.shutdown()
        try await running.value
    }

    func get(_ path: String, headers: [String] = []) async throws -> HTTPResponse {
        try await Self.send(HTTPRequest(url: base + path, headers: headers, timeout: 60))
    }

    func post(_ path: String, _ body: [UInt8], headers: [String] = []) async throws -> HTTPResponse {
        try await Self.send(HTTPRequest(url: base + path, body: body, headers: headers, timeout: 60))
    }

    /// libcurl blocks: it runs on a Dispatch thread, never on the cooperative pool the service
    /// (in this same process) answers on.
    static func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await offPool { try HTTPClient.send(request) }
    }

    /// A SiVa `POST /validate` of `document` as `filename`.
    func siva(_ document: [UInt8], filename: String, policy: String? = nil, reportType: String? = nil) async throws -> HTTPResponse {
        var request: [String: String] = ["document": Data(document).base64EncodedString(), "filename": filename]
        request["signaturePolicy"] = policy
        request["reportType"] = reportType
        return try await post("/validate", Array(try JSONSerialization.data(withJSONObject: request)), headers: ["Content-Type: application/json"])
    }

    /// The bundled test LOTL and its signer, offline: the trust of the own vectors.
    @Sendable static func ownTrust() -> TrustLoad {
        let services = (try? OwnVectors.load().services) ?? []
        return TrustLoad(store: TrustStore(services: services, anchors: []), ddoc: DDOCValidator(), problems: [], fetcher: nil, crlSource: nil)
    }

    /// The shared corpus's Estonian test list, offline (empty when the corpus is absent).
    @Sendable static func sharedTrust() -> TrustLoad {
        let store = (try? SharedTrust.store()) ?? TrustStore(services: [], anchors: [])
        let ddoc = (try? SharedTrust.ddoc()).map { DDOCValidator(trust: $0) } ?? DDOCValidator()
        return TrustLoad(store: store, ddoc: ddoc, problems: [], fetcher: nil, crlSource: nil)
    }
}

extension HTTPResponse {
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object.
    var object: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }

    func header(_ name: String) -> String? {
        headers.first { $0.key.lowercased() == name.lowercased() }?.value
    }

    /// The first `requestErrors` key.
    var errorKey: String? { ((object["requestErrors"] as? [[String: Any]])?.first?["key"]) as? String }
}

enum HarnessError: Error { case notStarted }

/// Runs blocking socket work on a Dispatch thread: the service under test answers on the
/// cooperative pool of this same process, which a blocked test thread would starve.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
}

/// Files in `folder` (the spool must be empty between requests).
func entries(_ folder: String) -> [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
}
