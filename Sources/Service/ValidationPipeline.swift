import Dispatch
import Findings
import Hummingbird
import Reports
import Validation
import XAdES

/// The path every validation request takes: admission (or 503 at once), the upload spooled to a
/// private file, a run slot within the request's deadline, the validation on a worker thread
/// (never on an event loop), the spool removed when the worker is done with it.
struct ValidationPipeline: Sendable {
    let configuration: ServiceConfiguration
    let trust: TrustState
    let gate: AdmissionGate
    let metrics: ServiceMetrics
    /// The service's private upload folder.
    let spoolFolder: String

    /// Takes a place for the request or refuses it (503 + Retry-After); `release()` gives it back.
    func admit() throws(ServiceError) {
        guard gate.admit() else {
            metrics.rejected(reason: "full")
            throw ServiceError.full(retryAfter: 2)
        }
        metrics.inFlight(gate.admitted)
    }

    func release() {
        gate.release()
        metrics.inFlight(gate.admitted)
    }

    /// Refuses a declared body larger than the limit before reading any of it.
    func checkDeclaredLength(_ request: Request, limit: Int) throws(ServiceError) {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw Self.tooLarge(limit)
        }
    }

    /// A SiVa JSON body, held in memory as SiVa does: capped at the base64 size of the largest
    /// container plus room for the other fields, and cut off at the request's deadline.
    func jsonBody(_ request: Request, started: ContinuousClock.Instant) async throws -> [UInt8] {
        let limit = configuration.maxBody / 3 * 4 + 64 * 1024
        try checkDeclaredLength(request, limit: limit)
        return try await beforeDeadline(started) {
            var request = request
            do { return Array(buffer: try await request.collectBody(upTo: limit)) } catch let error as HTTPError where error.status == .contentTooLarge {
                throw Self.tooLarge(limit)
            }
        }
    }

    static func tooLarge(_ limit: Int) -> ServiceError {
        ServiceError(.contentTooLarge, key: "request.too-large", "the request body is larger than the limit of \(limit) bytes")
    }

    /// Streams the request body into a new spool, refusing it past `maxBody`; an upload still
    /// running at the request's deadline is cut off (a slow client cannot hold its place).
    func spool(_ body: RequestBody, name: String, declaredLength: Int?, started: ContinuousClock.Instant) async throws -> Spool {
        let limit = configuration.maxBody
        let folder = spoolFolder
        return try await beforeDeadline(started) {
            let spool = try Spool(folder: folder, name: name)
            for try await buffer in body {
                try Task.checkCancellation()
                guard spool.size + buffer.readableBytes <= limit else { throw Self.tooLarge(limit) }
                try buffer.withUnsafeReadableBytes { bytes in try spool.write(bytes) }
            }
            // A cancelled read ends the sequence early: that is no complete upload.
            try Task.checkCancellation()
            if let declaredLength, spool.size != declaredLength {
                throw ServiceError(.badRequest, key: "request.incomplete", "the body ended after \(spool.size) of \(declaredLength) declared bytes")
            }
            return spool
        }
    }

    /// Reading a request body: `read`, unless the request's deadline passes first (408).
    private func beforeDeadline<Value: Sendable>(_ started: ContinuousClock.Instant,
                                                 _ read: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let remaining = configuration.deadline - (ContinuousClock.now - started)
        return try await withThrowingTaskGroup(of: Value?.self) { group in
            group.addTask { try await read() }
            group.addTask {
                try await Task.sleep(for: remaining)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                metrics.rejected(reason: "deadline")
                throw ServiceError(.requestTimeout, key: "request.deadline",
                                   "the request body did not arrive within the request deadline of \(configuration.deadline.components.seconds) s")
            }
            return value
        }
    }

    /// Validates the spooled upload under `policy`, named `name` in the report.
    func validate(_ spool: Spool, name: String, policy: ValidationPolicy, hashcodes: [HashcodeFile] = [],
                  started: ContinuousClock.Instant) async throws(ServiceError) -> ValidatedInput {
        guard let engine = trust.engine(policy: policy, limits: configuration.limits, staleAfter: configuration.staleAfter) else {
            throw ServiceError(.serviceUnavailable, key: "service.not-ready",
                               trust.snapshot == nil ? "the trusted lists are still loading" : "the trusted lists are too old to validate with (see /readyz)",
                               retryAfter: 5)
        }
        let remaining = configuration.deadline - (ContinuousClock.now - started)
        let answer = Rendezvous<ValidatedInput>()
        let gate = self.gate
        let path = spool.path
        let runner = Task {
            guard await gate.startRun() else { return }
            guard !Task.isCancelled else {
                gate.endRun()
                return
            }
            DispatchQueue.global().async {
                let result = engine.validate(path: path, name: name, hashcodes: hashcodes, isDDOC: hashcodes.isEmpty ? nil : false)
                spool.remove()
                gate.endRun()
                answer.fulfil(result)
            }
        }
        guard let result = await answer.wait(timeout: remaining) else {
            runner.cancel()
            metrics.rejected(reason: "deadline")
            throw ServiceError(.serviceUnavailable, key: "service.deadline",
                               "no answer within the request deadline of \(configuration.deadline.components.seconds) s", retryAfter: 5)
        }
        return result
    }
}
