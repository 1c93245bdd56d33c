import Findings
import HTTPTypes
import Hummingbird
import NIOCore
import PKI
import Reports
import Validation
#if canImport(Glibc)
import Glibc
#endif

/// The endpoints: SiVa's `/validate`, the native `/v1/validate`, and the probes.
extension ValidationService {
    func addRoutes(to router: Router<BasicRequestContext>) {
        let pipeline = self.pipeline
        let configuration = self.configuration

        // SiVa: a JSON body with the document in base64 (held in memory, as SiVa does, but
        // capped); the answer is SiVa's report, or SiVa's 400 for a document it cannot process.
        router.post("/validate") { request, _ -> Response in
            let started = ContinuousClock.now
            try pipeline.admit()
            defer { pipeline.release() }
            let siva = try SiVaRequest.parse(try await pipeline.jsonBody(request, started: started))
            guard siva.document.count <= configuration.maxBody else { throw ValidationPipeline.tooLarge(configuration.maxBody) }
            let spool = try Spool(folder: pipeline.spoolFolder, name: siva.filename)
            try siva.document.withUnsafeBytes { bytes in try spool.write(bytes) }
            spool.finish()
            // SiVa reports the document's hash; the document is in memory already.
            let hash = Digest.hash(siva.document, .sha256)
            let result = try await pipeline.validate(spool, name: siva.filename, policy: siva.policy, started: started)
            if let message = result.errorMessage {
                var response = ServiceError(.badRequest, key: "document", "Document malformed or not matching documentType").response
                response.headers[.asicVerdict] = result.verdict
                response.headers[HTTPField.Name("X-Asic-Reason")!] = String(message.prefix(200)).asciiHeaderValue
                return response
            }
            let report = SiVaReport(input: result, document: .init(filename: siva.filename, sha256: hash), policy: siva.sivaPolicy,
                                    detailed: siva.detailed)
            return .json(report.json, headers: [.asicVerdict: result.verdict])
        }

        // SiVa's hashcode validation: signature files and the digests of the data files they
        // sign; everything that needs no data bytes is validated (a reference with a transform,
        // or an archive time-stamp over the data, cannot be and fails).
        router.post("/validateHashcode") { request, _ -> Response in
            let started = ContinuousClock.now
            try pipeline.admit()
            defer { pipeline.release() }
            let siva = try SiVaHashcodeRequest.parse(try await pipeline.jsonBody(request, started: started))
            var results: [ValidatedInput] = []
            for (index, file) in siva.signatureFiles.enumerated() {
                let spool = try Spool(folder: pipeline.spoolFolder, name: "signatures.xml")
                try file.signature.withUnsafeBytes { bytes in try spool.write(bytes) }
                spool.finish()
                results.append(try await pipeline.validate(spool, name: "signature\(index).xml", policy: siva.policy, hashcodes: file.dataFiles,
                                                           started: started))
            }
            if results.contains(where: { $0.errorMessage != nil }) {
                var response = ServiceError(.badRequest, key: "signatureFiles", "Document malformed or not matching documentType").response
                response.headers[.asicVerdict] = "NOT-PROCESSABLE"
                return response
            }
            let report = SiVaReport(inputs: results, document: nil, policy: siva.sivaPolicy, detailed: siva.detailed)
            return .json(report.json, headers: [.asicVerdict: report.verdict])
        }

        // Native: the raw container as the body, streamed to a private file; the report in the
        // format the Accept header asks for.
        router.post("/v1/validate") { request, _ -> Response in
            let started = ContinuousClock.now
            try pipeline.admit()
            defer { pipeline.release() }
            let format = try ReportNegotiation.format(accept: request.headers[.accept])
            let query = request.uri.queryParameters
            let policy: ValidationPolicy
            if let name = query["policy"].map(String.init) {
                guard let named = ReportNegotiation.policy(named: name) else {
                    throw ServiceError(.badRequest, key: "policy", "unknown policy \"\(name)\" (default, ee, ee-polv3, POLv3, POLv4)")
                }
                policy = named
            } else {
                policy = configuration.policy
            }
            let name = query["filename"].map(String.init).map(ReportNegotiation.displayName) ?? "upload"
            try pipeline.checkDeclaredLength(request, limit: configuration.maxBody)
            let spool = try await pipeline.spool(request.body, name: name, declaredLength: request.headers[.contentLength].flatMap(Int.init), started: started)
            guard spool.size > 0 else { throw ServiceError(.badRequest, key: "document", "the request body is empty: send the container as the body") }
            spool.finish()
            let result = try await pipeline.validate(spool, name: name, policy: policy, started: started)
            let body = result.rendered(format.report, pretty: true, generator: configuration.version)
            return .text(body, contentType: format.contentType, status: result.errorMessage == nil ? .ok : .unprocessableContent,
                         headers: [.asicVerdict: result.verdict])
        }

        router.get("/healthz") { _, _ -> Response in
            .json(.object([("status", .string("alive")), ("version", .string(configuration.version))]))
        }

        router.get("/readyz") { _, _ -> Response in
            let readiness = self.readiness()
            return .json(readiness.json, status: readiness.ready ? .ok : .serviceUnavailable)
        }

        router.get("/metrics") { _, _ -> Response in
            let readiness = self.readiness()
            pipeline.metrics.trust(loadedAt: readiness.loadedAt, refreshSucceeded: readiness.lastRefresh?.succeeded,
                                   services: readiness.services, now: Int64(time(nil)))
            let cache = Certificate.cacheStatistics
            pipeline.metrics.cache(hits: cache.hits, misses: cache.misses)
            return .text(pipeline.metrics.exposition(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }

        router.get("/openapi.yaml") { _, _ -> Response in
            .text(OpenAPIDocument.yaml, contentType: "application/yaml")
        }
    }
}

extension String {
    /// Printable ASCII only, for a header value.
    var asciiHeaderValue: String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F ? $0 : "?" }))
    }
}
