import Findings
import HTTPTypes
import Hummingbird
import Logging
import PKI
#if canImport(Glibc)
import Glibc
#endif

/// Around every request: a request id, one structured log line (id, method, path, status,
/// bytes, duration, verdict), the metrics, and errors turned into JSON bodies (no route, a body
/// too large, anything unexpected) so that no answer is ever an empty page or a trace.
struct RequestLog<Context: RequestContext>: RouterMiddleware {
    let logger: Logger
    let metrics: ServiceMetrics
    private let prefix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
    private let counter = Locked<UInt64>(0)

    init(logger: Logger, metrics: ServiceMetrics) {
        self.logger = logger
        self.metrics = metrics
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let id = prefix + "-" + String(counter.withLock { value in
            value += 1
            return value
        })
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as ServiceError {
            response = error.response
        } catch let error as InputError where error.key.hasPrefix("service.") {
            // The service's own I/O (spool folder full, no file descriptor left): try again later,
            // it says nothing about the document.
            response = ServiceError(.serviceUnavailable, key: error.key, error.message, retryAfter: 5).response
        } catch let error as HTTPError where error.status == .notFound && Endpoints.methods[request.uri.path] != nil {
            // A known endpoint asked with another method: 405 and what it allows.
            let allowed = Endpoints.methods[request.uri.path]!
            response = ServiceError(.methodNotAllowed, key: "request.method-not-allowed",
                                    "\(request.uri.path) answers \(allowed) only, not \(request.method)").response
            response.headers[.allow] = allowed
        } catch let error as HTTPError {
            let key = error.status == .notFound ? "request.not-found" : (error.status == .contentTooLarge ? "request.too-large" : "request.invalid")
            let message = error.status == .notFound ? "no such endpoint: \(request.method) \(request.uri.path)" : (error.body ?? error.status.reasonPhrase)
            response = ServiceError(error.status, key: key, message).response
        } catch {
            // A client that went away mid-upload lands here too; its spool is gone with the handler.
            response = ServiceError(.badRequest, key: "request.failed", "the request could not be read: \(type(of: error))").response
        }
        response.headers[HTTPField.Name("X-Request-Id")!] = id
        let duration = ContinuousClock.now - started
        let verdict = response.headers[.asicVerdict]
        let endpoint = Self.endpoint(request.uri.path)
        metrics.request(endpoint: endpoint, status: Int(response.status.code), verdict: verdict, duration: duration)
        logger.info("request", metadata: [
            "id": .string(id), "method": .string(request.method.rawValue), "path": .string(endpoint),
            "status": .stringConvertible(response.status.code), "bytes": .string(request.headers[.contentLength] ?? "-"),
            "ms": .string(Self.milliseconds(duration)), "verdict": .string(verdict ?? "-"),
        ])
        return response
    }

    /// Known paths by name, anything else as "other" (metrics labels must stay few).
    static func endpoint(_ path: String) -> String {
        Endpoints.methods[path] != nil ? path : "other"
    }

    private static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return String(Double(Int(milliseconds * 10)) / 10)
    }
}

/// `Authorization: Bearer <token>` on every endpoint but the probes, compared in constant time.
struct BearerAuth<Context: RequestContext>: RouterMiddleware {
    let token: [UInt8]
    static var open: Set<String> { ["/healthz", "/readyz"] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if Self.open.contains(request.uri.path) { return try await next(request, context) }
        let given = Array((request.headers[.authorization] ?? "").utf8)
        let prefix = Array("Bearer ".utf8)
        guard given.count == prefix.count + token.count, given.starts(with: prefix) else {
            throw Self.refused
        }
        var difference: UInt8 = 0
        for (a, b) in zip(given.dropFirst(prefix.count), token) { difference |= a ^ b }
        guard difference == 0 else { throw Self.refused }
        return try await next(request, context)
    }

    static var refused: ServiceError {
        ServiceError(.unauthorized, key: "request.unauthorized", "a valid bearer token is required (Authorization: Bearer …)")
    }
}

/// Every endpoint and the method it answers.
enum Endpoints {
    static let methods = ["/validate": "POST", "/validateHashcode": "POST", "/v1/validate": "POST", "/healthz": "GET",
                          "/readyz": "GET", "/metrics": "GET", "/openapi.yaml": "GET"]
}
