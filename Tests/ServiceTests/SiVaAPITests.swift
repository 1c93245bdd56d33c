import Foundation
import Net
import Testing
import TestSupport

/// SiVa's `POST /validate`: the request checks and the report's shape.
@Suite(.serialized) struct SiVaAPITests {
    @Test func answersInSiVasShape() async throws {
        let harness = try await ServiceHarness.start()
        let response = try await harness.siva(try readBytes(NativeAPITests.sample), filename: "sample.asice", policy: "POLv3")
        #expect(response.status == 200)
        let report = response.object["validationReport"] as? [String: Any]
        let conclusion = try #require(report?["validationConclusion"] as? [String: Any])
        #expect((conclusion["policy"] as? [String: Any])?["policyName"] as? String == "POLv3")
        #expect(conclusion["signaturesCount"] as? Int == 1)
        #expect(conclusion["validSignaturesCount"] as? Int == 1)
        #expect(conclusion["validationLevel"] as? String == "ARCHIVAL_DATA")
        #expect(conclusion["signatureForm"] as? String == "ASiC-E")
        #expect((conclusion["validatedDocument"] as? [String: Any])?["filename"] as? String == "sample.asice")
        let signature = try #require((conclusion["signatures"] as? [[String: Any]])?.first)
        #expect(signature["indication"] as? String == "TOTAL-PASSED")
        #expect(signature["signatureFormat"] as? String == "XAdES_BASELINE_LT")
        #expect(signature["signedBy"] as? String == "TESTER,ECC,30001010002")
        #expect((signature["signatureScopes"] as? [[String: Any]])?.count == 2)
        #expect(report?["asicReport"] == nil, "Simple reports carry no detail")
        let detailed = try await harness.siva(try readBytes(NativeAPITests.sample), filename: "sample.asice", reportType: "Detailed")
        #expect((detailed.object["validationReport"] as? [String: Any])?["asicReport"] != nil)
        try await harness.stop()
    }

    @Test func checksTheRequestAsSiVaDoes() async throws {
        let harness = try await ServiceHarness.start()
        let sample = try readBytes(NativeAPITests.sample)
        #expect(try await harness.siva(sample, filename: "a.asice", policy: "POLv9").errorKey == "signaturePolicy")
        #expect(try await harness.siva(sample, filename: "a.asice", reportType: "Diagnostic").errorKey == "reportType")
        #expect(try await harness.siva(sample, filename: "../a.asice").errorKey == "filename")
        #expect(try await harness.siva([], filename: "a.asice").errorKey == "document")
        let notBase64 = try await harness.post("/validate", Array(#"{"document":"%%%","filename":"a.asice"}"#.utf8))
        #expect(notBase64.status == 400 && notBase64.errorKey == "document")
        // A policy or report type of another JSON type is refused, not read as the default.
        let numberPolicy = try await harness.post("/validate", Array(#"{"document":"UEsDBA==","filename":"a.asice","signaturePolicy":3}"#.utf8))
        #expect(numberPolicy.status == 400 && numberPolicy.errorKey == "signaturePolicy")
        let arrayReport = try await harness.post("/validate", Array(#"{"document":"UEsDBA==","filename":"a.asice","reportType":["Detailed"]}"#.utf8))
        #expect(arrayReport.status == 400 && arrayReport.errorKey == "reportType")
        let notJSON = try await harness.post("/validate", Array("document=abc".utf8))
        #expect(notJSON.status == 400 && notJSON.errorKey == "request")
        // A document that is no container: SiVa's 400 and message.
        let malformed = try await harness.siva(Array("just text".utf8), filename: "a.asice")
        #expect(malformed.status == 400)
        #expect(malformed.errorKey == "document")
        #expect(malformed.text.contains("Document malformed or not matching documentType"))
        try await harness.stop()
    }
}
