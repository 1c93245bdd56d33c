import Foundation
import TestSupport
import Testing

/// The container verdict and the exit code that follows it, on our own vectors (no shared corpus
/// needed): PASSED only when every signature passed, every file is signed and the container has no
/// error; a file no signature covers fails the container even where DSS's default policy leaves
/// the signature itself TOTAL-PASSED (both are reported).
@Suite("Container verdict")
struct ContainerVerdictTests {
    func validate(_ name: String, policy: String = "default") throws -> (status: Int32, json: [String: Any]) {
        let cache = try scratchFolder()
        let result = try CLI.run(["validate", "--format", "json", "--policy", policy] + OwnVectors.arguments(cache: cache)
                                 + [OwnVectors.root + "/containers/" + name])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
        return (result.status, json)
    }

    @Test(arguments: [
        ("lt-p256.asice", "PASSED", Int32(0)),
        ("lt-two-signatures.asice", "PASSED", 0),
        ("asics-timestamp.asics", "PASSED", 0),
        ("hash-failure.asice", "FAILED", 1),
        ("sig-crypto-failure.asice", "FAILED", 1),
        ("no-chain.asice", "INDETERMINATE", 2),
        ("revoked.asice", "INDETERMINATE", 2),
        ("manifest-ghost-file.asice", "FAILED", 1),
        ("manifest-media-type-mismatch-ee.asice", "FAILED", 1),
        ("traversal-name.asice", "NOT-PROCESSABLE", 3),
    ])
    func verdictAndExitCode(name: String, verdict: String, status: Int32) throws {
        let (code, json) = try validate(name)
        #expect(json["verdict"] as? String == verdict, "\(json["verdictReasons"] ?? "")")
        #expect(code == status)
        let reasons = try #require(json["verdictReasons"] as? [String])
        #expect(reasons.isEmpty == (verdict == "PASSED"))
    }

    /// DSS's default policy only warns about an unsigned file; the container still fails.
    @Test func anUnsignedFileFailsTheContainerWhateverTheSignatureSays() throws {
        let (code, json) = try validate("unsigned-file-ee.asice")
        let signatures = try #require(json["signatures"] as? [[String: Any]])
        #expect(signatures.first?["indication"] as? String == "TOTAL-PASSED")
        #expect(json["verdict"] as? String == "FAILED")
        #expect(code == 1)
        let reasons = try #require(json["verdictReasons"] as? [String])
        #expect(reasons.contains { $0.contains("not covered by any signature") }, "\(reasons)")
    }

    /// The text report leads with the container verdict and names the decisive constraint.
    @Test func theTextReportLeadsWithTheVerdict() throws {
        let cache = try scratchFolder()
        let result = try CLI.run(["validate", "--no-color"] + OwnVectors.arguments(cache: cache) + [OwnVectors.root + "/containers/hash-failure.asice"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("✗ FAILED"), "\(result.stdout)")
        #expect(result.stdout.contains("[CV BBB_CV_IRDOI]"), "\(result.stdout)")
    }
}
