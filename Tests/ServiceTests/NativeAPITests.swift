import Foundation
import Net
import Testing
import TestSupport

/// `POST /v1/validate` and the probes, against a live service on loopback.
@Suite(.serialized) struct NativeAPITests {
    static let sample = OwnVectors.root + "/sample/sample.asice"

    @Test func probesAnswer() async throws {
        let harness = try await ServiceHarness.start()
        let health = try await harness.get("/healthz")
        #expect(health.status == 200)
        #expect(health.object["status"] as? String == "alive")
        let ready = try await harness.get("/readyz")
        #expect(ready.status == 200)
        #expect((ready.object["trustedServices"] as? Int ?? 0) > 0)
        #expect((ready.object["lastRefresh"] as? [String: Any])?["succeeded"] as? Bool == true)
        try await harness.stop()
    }

    @Test func validatesTheRawContainerAndNegotiatesTheFormat() async throws {
        let harness = try await ServiceHarness.start()
        let body = try readBytes(Self.sample)
        let json = try await harness.post("/v1/validate?filename=contract.asice", body)
        #expect(json.status == 200)
        #expect(json.header("X-Asic-Verdict") == "PASSED")
        #expect(json.object["verdict"] as? String == "PASSED")
        #expect(json.object["file"] as? String == "contract.asice")
        let html = try await harness.post("/v1/validate", body, headers: ["Accept: text/html"])
        #expect(html.header("Content-Type")?.hasPrefix("text/html") == true)
        #expect(html.text.contains("<html"))
        let etsi = try await harness.post("/v1/validate", body, headers: ["Accept: application/xml"])
        #expect(etsi.text.contains("ValidationReport"))
        let text = try await harness.post("/v1/validate", body, headers: ["Accept: text/plain"])
        #expect(text.text.contains("PASSED"))
        let refused = try await harness.post("/v1/validate", body, headers: ["Accept: image/png"])
        #expect(refused.status == 406)
        #expect(refused.errorKey == "request.not-acceptable")
        // Under the ee policy the test signer (no QES) is not enough: the policy parameter counts.
        let ee = try await harness.post("/v1/validate?policy=ee", body)
        #expect(ee.object["verdict"] as? String != nil)
        let unknownPolicy = try await harness.post("/v1/validate?policy=lenient", body)
        #expect(unknownPolicy.status == 400)
        #expect(unknownPolicy.errorKey == "policy")
        #expect(entries(harness.service.spoolFolder).isEmpty)
        try await harness.stop()
    }

    @Test func aNameIsOnlyShownNeverOpened() async throws {
        let harness = try await ServiceHarness.start()
        let response = try await harness.post("/v1/validate?filename=..%2F..%2Fetc%2Fpasswd", try readBytes(Self.sample))
        #expect(response.object["file"] as? String == "passwd")
        try await harness.stop()
    }

    @Test func refusesWhatIsNotAContainer() async throws {
        let harness = try await ServiceHarness.start()
        let garbage = try await harness.post("/v1/validate", Array("not a zip file at all".utf8))
        #expect(garbage.status == 422)
        #expect(garbage.object["verdict"] as? String == "NOT-PROCESSABLE")
        let empty = try await harness.post("/v1/validate", [])
        #expect(empty.status == 400)
        #expect(empty.errorKey == "document")
        let nowhere = try await harness.get("/v2/anything")
        #expect(nowhere.status == 404)
        #expect(nowhere.errorKey == "request.not-found")
        try await harness.stop()
    }

    @Test func metricsCountRequestsByVerdict() async throws {
        let harness = try await ServiceHarness.start()
        _ = try await harness.post("/v1/validate", try readBytes(Self.sample))
        let metrics = try await harness.get("/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.text.contains(#"asic_requests_total{endpoint="/v1/validate",status="200",verdict="PASSED"} 1"#))
        #expect(metrics.text.contains("asic_request_duration_seconds_bucket"))
        #expect(metrics.text.contains("asic_trust_age_seconds"))
        #expect(metrics.text.contains("asic_requests_in_flight 0"))
        try await harness.stop()
    }

    @Test func servesItsOpenAPIDocument() async throws {
        let harness = try await ServiceHarness.start()
        let document = try await harness.get("/openapi.yaml")
        #expect(document.status == 200)
        let committed = try readBytes(OwnVectors.root + "/../docs/openapi.yaml")
        let same = document.body == committed
        #expect(same, "docs/openapi.yaml and the served document differ: run scripts/embed-openapi.sh")
        try await harness.stop()
    }

    @Test func bearerTokenGuardsAllButTheProbes() async throws {
        let harness = try await ServiceHarness.start { $0.authToken = "s3cret-token" }
        #expect(try await harness.get("/healthz").status == 200)
        #expect(try await harness.get("/readyz").status == 200)
        let anonymous = try await harness.post("/v1/validate", try readBytes(Self.sample))
        #expect(anonymous.status == 401)
        #expect(anonymous.errorKey == "request.unauthorized")
        #expect(try await harness.get("/metrics", headers: ["Authorization: Bearer s3cret-tokeN"]).status == 401)
        #expect(try await harness.get("/metrics", headers: ["Authorization: Bearer s3cret-token"]).status == 200)
        let allowed = try await harness.post("/v1/validate", try readBytes(Self.sample), headers: ["Authorization: Bearer s3cret-token"])
        #expect(allowed.status == 200)
        try await harness.stop()
    }
}
