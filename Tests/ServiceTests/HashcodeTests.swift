import Foundation
import Net
import PKI
import Testing
import TestSupport

/// SiVa's `POST /validateHashcode`: the signature checked against digests the client sends,
/// never passed when a digest is wrong, missing, or of another algorithm.
@Suite(.serialized) struct HashcodeTests {
    /// The sample's signature file and the SHA-256 of its two data files.
    static func parts() throws -> (signature: [UInt8], files: [String: [UInt8]]) {
        let sample = NativeAPITests.sample
        let signature = try tool(["unzip", "-p", sample, "META-INF/signatures0.xml"])
        var files: [String: [UInt8]] = [:]
        for name in ["contract.txt", "annex v2.csv"] { files[name] = try tool(["unzip", "-p", sample, name]) }
        return (signature, files)
    }

    static func request(_ signature: [UInt8], _ datafiles: [(String, String, [UInt8])], policy: String = "POLv4") throws -> [UInt8] {
        let body: [String: Any] = [
            "signatureFiles": [["signature": Data(signature).base64EncodedString(),
                                "datafiles": datafiles.map { ["filename": $0.0, "hashAlgo": $0.1, "hash": Data($0.2).base64EncodedString()] }]],
            "signaturePolicy": policy,
        ]
        return Array(try JSONSerialization.data(withJSONObject: body))
    }

    static func signatures(_ response: HTTPResponse) -> [[String: Any]] {
        (((response.object["validationReport"] as? [String: Any])?["validationConclusion"] as? [String: Any])?["signatures"] as? [[String: Any]]) ?? []
    }

    @Test func aSignatureValidatesAgainstTheDigestsAlone() async throws {
        let harness = try await ServiceHarness.start()
        let (signature, files) = try Self.parts()
        let digests = files.map { ($0.key, "SHA256", Digest.hash($0.value, .sha256)) }
        let response = try await harness.post("/validateHashcode", try Self.request(signature, digests))
        #expect(response.status == 200, "\(response.text)")
        #expect(Self.signatures(response).first?["indication"] as? String == "TOTAL-PASSED")
        #expect(response.header("X-Asic-Verdict") == "PASSED")
        // SiVa's spelling of the algorithm and ours are both understood.
        let hyphen = try await harness.post("/validateHashcode", try Self.request(signature, files.map { ($0.key, "SHA-256", Digest.hash($0.value, .sha256)) }))
        #expect(Self.signatures(hyphen).first?["indication"] as? String == "TOTAL-PASSED")
        try await harness.stop()
    }

    @Test func aWrongMissingOrForeignDigestNeverPasses() async throws {
        let harness = try await ServiceHarness.start()
        let (signature, files) = try Self.parts()
        var tampered = Digest.hash(files["contract.txt"]!, .sha256)
        tampered[0] ^= 1
        let cases: [(String, [(String, String, [UInt8])])] = [
            ("a changed digest", [("contract.txt", "SHA256", tampered), ("annex v2.csv", "SHA256", Digest.hash(files["annex v2.csv"]!, .sha256))]),
            ("a data file left out", [("contract.txt", "SHA256", Digest.hash(files["contract.txt"]!, .sha256))]),
            ("another algorithm than the reference's", files.map { ($0.key, "SHA512", Digest.hash($0.value, .sha512)) }),
            ("digests under other names", files.map { ("x-" + $0.key, "SHA256", Digest.hash($0.value, .sha256)) }),
            ("a listed data file the signature does not cover", files.map { ($0.key, "SHA256", Digest.hash($0.value, .sha256)) }
                + [("not-signed.pdf", "SHA256", [UInt8](repeating: 7, count: 32))]),
        ]
        for (what, datafiles) in cases {
            let response = try await harness.post("/validateHashcode", try Self.request(signature, datafiles))
            #expect(response.status == 200, "\(what): \(response.text)")
            let indication = Self.signatures(response).first?["indication"] as? String
            #expect(indication != nil && indication != "TOTAL-PASSED", "\(what) passed")
            #expect(response.header("X-Asic-Verdict") != "PASSED", "\(what)")
        }
        try await harness.stop()
    }

    @Test func checksTheRequest() async throws {
        let harness = try await ServiceHarness.start()
        let (signature, _) = try Self.parts()
        let shortHash = try await harness.post("/validateHashcode", try Self.request(signature, [("contract.txt", "SHA256", [1, 2, 3])]))
        #expect(shortHash.status == 400 && shortHash.errorKey == "signatureFiles[0].datafiles.hash")
        let unknownAlgorithm = try await harness.post("/validateHashcode", try Self.request(signature, [("contract.txt", "MD5", [UInt8](repeating: 0, count: 16))]))
        #expect(unknownAlgorithm.errorKey == "signatureFiles[0].datafiles.hashAlgo")
        let pathName = try await harness.post("/validateHashcode", try Self.request(signature, [("../contract.txt", "SHA256", [UInt8](repeating: 0, count: 32))]))
        #expect(pathName.errorKey == "signatureFiles[0].datafiles.filename")
        let none = try await harness.post("/validateHashcode", Array(#"{"signatureFiles":[]}"#.utf8))
        #expect(none.status == 400 && none.errorKey == "signatureFiles")
        let notXML = try await harness.post("/validateHashcode", try Self.request(Array("not xml".utf8), [("a.txt", "SHA256", [UInt8](repeating: 0, count: 32))]))
        #expect(notXML.status == 400 && notXML.errorKey == "signatureFiles")
        try await harness.stop()
    }
}
