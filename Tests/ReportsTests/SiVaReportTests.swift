import Foundation
import Reports
import Testing
import TestSupport
import Trust
import Validation

/// SiVa's shape never says more than the verdict: a container that fails as a whole while its
/// signature passes must not reach a SiVa client as "1 of 1 valid".
struct SiVaReportTests {
    static func conclusion(_ file: String, policy: ValidationPolicy) throws -> (verdict: String, conclusion: [String: Any]) {
        let store = TrustStore(services: try OwnVectors.load().services, anchors: [])
        let input = ValidatedInput.container(Validator(policy: policy, store: store).validate(path: OwnVectors.root + "/containers/" + file))
        let report = SiVaReport(input: input, document: .init(filename: file, sha256: nil), policy: .of(policy))
        let object = try JSONSerialization.jsonObject(with: Data(report.json.serialized().utf8)) as? [String: Any]
        let conclusion = try #require((object?["validationReport"] as? [String: Any])?["validationConclusion"] as? [String: Any])
        return (input.verdict, conclusion)
    }

    @Test func aContainerFailureReachesTheSignatures() throws {
        // The manifest names a file the container lacks: under the DSS default policy the
        // signature itself passes, the container fails.
        let (verdict, conclusion) = try Self.conclusion("manifest-ghost-file.asice", policy: .dssDefault)
        #expect(verdict == "FAILED")
        #expect(conclusion["verdict"] as? String == "FAILED")
        #expect(conclusion["signaturesCount"] as? Int == 1)
        #expect(conclusion["validSignaturesCount"] as? Int == 0)
        let signature = try #require((conclusion["signatures"] as? [[String: Any]])?.first)
        #expect(signature["indication"] as? String == "TOTAL-FAILED")
        let errors = signature["errors"] as? [[String: Any]] ?? []
        #expect(errors.contains { $0["key"] as? String == "container" })
    }

    @Test func aPassingContainerIsReportedAsIs() throws {
        let (verdict, conclusion) = try Self.conclusion("lt-p256.asice", policy: .dssDefault)
        #expect(verdict == "PASSED")
        #expect(conclusion["validSignaturesCount"] as? Int == 1)
        #expect((conclusion["signatures"] as? [[String: Any]])?.first?["indication"] as? String == "TOTAL-PASSED")
    }
}
