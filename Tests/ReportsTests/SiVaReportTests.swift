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
        try conclusion(path: OwnVectors.root + "/containers/" + file, policy: policy)
    }

    static func conclusion(path: String, policy: ValidationPolicy) throws -> (verdict: String, conclusion: [String: Any]) {
        let file = String(path.split(separator: "/").last ?? "")
        let store = TrustStore(services: try OwnVectors.load().services, anchors: [])
        let input = ValidatedInput.container(Validator(policy: policy, store: store).validate(path: path))
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

    /// One signature broken, the other intact, and a file neither covers: the intact signature must
    /// not reach a SiVa client as valid in a container that fails as a whole; the broken one keeps
    /// its own indication.
    @Test func aContainerFailureReachesThePassingSignatureBesideAFailingOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("siva-mixed-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/mixed.asice"
        let script = """
        import re, sys, zipfile
        source, target = sys.argv[1:3]
        with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, 'w') as zout:
            for info in zin.infolist():
                data = zin.read(info.filename)
                if info.filename == 'META-INF/signatures1.xml':
                    # One base64 character of the SignatureValue changed: the value no longer verifies.
                    match = re.search(rb'(<(?:ds:)?SignatureValue[^>]*>)([A-Za-z0-9+/])', data)
                    flipped = b'B' if match.group(2) == b'A' else b'A'
                    data = data[:match.end(1)] + flipped + data[match.end(2):]
                zout.writestr(info, data)
            zout.writestr(zipfile.ZipInfo('extra.txt', (1980, 1, 1, 0, 0, 0)), b'no signature covers this')
        """
        let made = try Subprocess.run(["python3", "-c", script, OwnVectors.root + "/containers/lt-two-signatures.asice", path])
        try #require(made.status == 0, "\(String(decoding: made.stderr, as: UTF8.self))")
        let (verdict, conclusion) = try Self.conclusion(path: path, policy: .dssDefault)
        #expect(verdict == "FAILED")
        #expect(conclusion["signaturesCount"] as? Int == 2)
        #expect(conclusion["validSignaturesCount"] as? Int == 0)
        let signatures = conclusion["signatures"] as? [[String: Any]] ?? []
        try #require(signatures.count == 2)
        for signature in signatures {
            #expect(signature["indication"] as? String == "TOTAL-FAILED")
        }
        // The intact one fails for the container's reason; the broken one for its own.
        let intact = signatures[0]["errors"] as? [[String: Any]] ?? []
        #expect(intact.contains { $0["key"] as? String == "container" && ($0["content"] as? String ?? "").contains("extra.txt") })
        #expect(signatures[1]["subIndication"] as? String == "SIG_CRYPTO_FAILURE")
        #expect(!(signatures[1]["errors"] as? [[String: Any]] ?? []).contains { $0["key"] as? String == "container" })
    }
}
