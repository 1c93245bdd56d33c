import Foundation
@testable import Reports
import TestSupport
import Testing
import Trust
import Validation

/// The reports read the container verdict and the decisive constraint from the result; they
/// decide nothing themselves.
@Suite("Reports")
struct ReportTests {
    static func validate(_ name: String) throws -> ContainerValidation {
        let set = try OwnVectors.load()
        let store = TrustStore(services: set.services, anchors: [])
        return Validator(policy: .dssDefault, store: store).validate(path: OwnVectors.root + "/containers/" + name)
    }

    @Test func textLeadsWithTheVerdictAndNamesTheDecisiveConstraint() throws {
        let passed = try Self.validate("lt-p256.asice").text()
        #expect(passed.hasPrefix("✓ PASSED"))
        let failed = try Self.validate("hash-failure.asice")
        let text = failed.text()
        #expect(text.hasPrefix("✗ FAILED"))
        let decision = try #require(failed.signatures.first?.decision)
        #expect(text.contains("[\(decision.block) \(decision.constraint.key)]"))
    }

    @Test func jsonCarriesVerdictReasonsAndDecidedBy() throws {
        let result = try Self.validate("sig-crypto-failure.asice")
        let data = Data(result.json.serialized(pretty: false).utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["verdict"] as? String == "FAILED")
        #expect((object["verdictReasons"] as? [String])?.isEmpty == false)
        let signature = try #require((object["signatures"] as? [[String: Any]])?.first)
        let decided = try #require(signature["decidedBy"] as? [String: Any])
        #expect(decided["block"] as? String == "CV")
        #expect(decided["key"] as? String == "BBB_CV_ISI")
        #expect(decided["outcome"] as? String == "FAILED")
    }

    @Test func htmlEscapesWhatTheContainerNames() {
        #expect(HTML.escape("<script>\"&'") == "&lt;script&gt;&quot;&amp;&#39;")
    }
}
