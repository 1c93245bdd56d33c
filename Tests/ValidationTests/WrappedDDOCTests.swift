import DDOC
import Foundation
import TestSupport
import Testing
import Trust
@testable import Validation

/// TeRa: a DDOC wrapped in an ASiC-S with an RFC 3161 time-stamp (`openssl ts`). The time-stamp
/// proves the DDOC's existence; the DDOC inside is validated too, and the container passes only
/// when both do.
@Suite("Wrapped DDOC (TeRa)")
struct WrappedDDOCTests {
    /// An ASiC-S holding `bytes` as `name`, time-stamped by the test PKI's TSA.
    static func wrap(_ bytes: [UInt8], name: String, pki: TestPKI) throws -> String {
        let dir = try scratchFolder()
        try write(bytes, to: dir + "/" + name)
        try write(try pki.timestamp(dir + "/" + name), to: dir + "/timestamp.tst")
        let script = """
        import sys, zipfile
        out, d, name = sys.argv[1:4]
        with zipfile.ZipFile(out, 'w') as z:
            z.writestr(zipfile.ZipInfo('mimetype'), 'application/vnd.etsi.asic-s+zip')
            z.write(d + '/' + name, name)
            z.write(d + '/timestamp.tst', 'META-INF/timestamp.tst')
        """
        try tool(["python3", "-c", script, dir + "/wrapped.asics", dir, name])
        return dir + "/wrapped.asics"
    }

    static func validate(_ vector: String, name: String? = nil, bytes: [UInt8]? = nil) throws -> ContainerValidation {
        let pki = try TestPKI()
        let content = try bytes ?? Array(Data(contentsOf: URL(fileURLWithPath: OwnVectors.root + "/ddoc/" + vector)))
        let path = try wrap(content, name: name ?? vector, pki: pki)
        return Validator(policy: .dssDefault, store: pki.anchoredStore, ddoc: DDOCValidator(trust: try OwnDDOCTrust.trust())).validate(path: path)
    }

    @Test func aValidDDOCUnderAValidTimeStampPasses() throws {
        let result = try Self.validate("valid-1.3.ddoc")
        #expect(result.verdict == .passed, "\(result.judgement.reasons)")
        let wrapped = try #require(result.wrappedDDOC)
        #expect(wrapped.validation?.signatures.map(\.passed) == [true])
        #expect(wrapped.provenAt == result.tokens.first?.token.genTime && wrapped.provenAt != nil)
        // As of the time-stamp: no SHA-1 notice for a DDOC kept provable this way.
        #expect(wrapped.validation?.containerWarnings.isEmpty == true)
    }

    /// A time-stamp over a DDOC whose signature is broken proves only that broken file existed.
    @Test(arguments: ["invalid-datafile-changed.ddoc", "invalid-ocsp-nonce.ddoc", "invalid-signer-rogue-ca.ddoc"])
    func anInvalidDDOCFailsTheContainer(vector: String) throws {
        let result = try Self.validate(vector)
        #expect(result.verdict == .failed)
        #expect(result.judgement.reasons.contains { $0.hasPrefix("the wrapped DDOC's signature") }, "\(result.judgement.reasons)")
    }

    /// Bytes that claim to be a DDOC (by name) but are not: the container cannot pass.
    @Test func aFileNamedDDOCThatIsNoneFails() throws {
        let result = try Self.validate("x", name: "contract.ddoc", bytes: Array("<html>not a ddoc</html>".utf8))
        #expect(result.verdict == .failed)
        #expect(result.judgement.reasons.contains { $0.contains("is not a DDOC that can be validated") }, "\(result.judgement.reasons)")
    }

    /// A DDOC named otherwise is recognised by its first bytes, whatever its size.
    @Test func aDDOCByContentIsValidatedToo() throws {
        let bytes = try readBytes(OwnVectors.root + "/ddoc/valid-1.3.ddoc")
        #expect(bytes.count > 4096)
        let result = try Self.validate("x", name: "contract.xml", bytes: bytes)
        #expect(result.wrappedDDOC?.validation?.signatures.map(\.passed) == [true] && result.verdict == .passed, "\(result.judgement.reasons)")
    }

    /// Anything else under an ASiC-S time-stamp is untouched by the DDOC rules.
    @Test func otherDataIsNotADDOC() throws {
        let result = try Self.validate("x", name: "notes.txt", bytes: Array("plain text\n".utf8))
        #expect(result.wrappedDDOC == nil && result.verdict == .passed)
    }
}

/// The own DDOC test PKI's anchors (`TestVectors/pki/ddoc`).
enum OwnDDOCTrust {
    static func trust() throws -> DDOCTrust {
        let pki = OwnVectors.root + "/pki/ddoc/"
        return DDOCTrust(certificates: try (TrustAnchors.load(pki + "ca.pem") + TrustAnchors.load(pki + "responder.pem")).map(\.certificate),
                         source: "own DDOC test PKI")
    }
}
