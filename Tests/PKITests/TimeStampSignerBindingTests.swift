import Foundation
@testable import PKI
import TestSupport
import Testing

/// RFC 3161 §2.4.1: a token names its TSA certificate in a signed ESS signingCertificate(V2)
/// attribute. The SignerInfo's issuer and serial, by which the signer is looked up, are not
/// signed, so without that attribute (or with one naming another certificate) the token is not
/// bound to the certificate that is judged, even though its signature verifies.
@Suite("Time-stamp tokens bound to their TSA certificate")
struct TimeStampSignerBindingTests {
    /// A token from `openssl ts -reply` names its signer.
    @Test func anOpenSSLTokenIsBound() throws {
        let pki = try TestPKI()
        let dir = try scratchFolder()
        try write("data", to: dir + "/data.txt")
        let token = try #require(TimeStampToken(der: try pki.timestamp(dir + "/data.txt")))
        #expect(token.verifySignature() == .valid)
        #expect(token.unboundSigner() == nil)
    }

    /// The same TSA key and certificate signing a TSTInfo as plain CMS (`openssl cms -sign`, which
    /// adds no ESS attribute): the signature verifies, the binding is missing.
    @Test func aTokenWithoutTheAttributeIsUnbound() throws {
        let pki = try TestPKI()
        let dir = try scratchFolder()
        let script = """
        import sys, hashlib
        sys.path.insert(0, sys.argv[2])
        from der import tlv, seq, oid, integer
        imprint = seq(seq(oid('2.16.840.1.101.3.4.2.1'), tlv(5, b'')), tlv(4, hashlib.sha256(b'data').digest()))
        info = seq(integer(1), oid('1.3.6.1.4.1.99999.2.1'), imprint, integer(0x4242), tlv(0x18, b'20260101000000Z'))
        open(sys.argv[1], 'wb').write(info)
        """
        try write(script, to: dir + "/info.py")
        _ = try tool(["python3", dir + "/info.py", dir + "/info.der", OwnVectors.root])
        _ = try tool(["openssl", "cms", "-sign", "-binary", "-nodetach", "-nosmimecap", "-econtent_type", "1.2.840.113549.1.9.16.1.4",
                      "-in", dir + "/info.der", "-signer", pki.path("tsa.pem"), "-inkey", pki.path("tsa.key"), "-md", "sha256",
                      "-outform", "DER", "-out", dir + "/token.der"])
        let token = try #require(TimeStampToken(der: try readBytes(dir + "/token.der")))
        #expect(token.verifySignature() == .valid, "the CMS signature itself is genuine")
        let problem = try #require(token.unboundSigner())
        #expect(problem.contains("no signed ESS"), "\(problem)")
    }

    /// A token of the shared corpus whose ESS attribute names another certificate than its signer.
    @Test func aTokenNamingAnotherCertificateIsUnbound() throws {
        guard let root = SharedCorpus.load()?.root else { return }
        let container = root + "/containers/digidoc4j/TS_broken_TS.asice"
        guard FileManager.default.fileExists(atPath: container) else { return }
        let xml = String(decoding: try tool(["unzip", "-p", container, "META-INF/signatures0.xml"]), as: UTF8.self)
        let start = try #require(xml.range(of: "EncapsulatedTimeStamp"))
        let open = try #require(xml[start.upperBound...].firstIndex(of: ">"))
        let close = try #require(xml[open...].range(of: "</"))
        let token = try #require(Base64.decode(String(xml[xml.index(after: open)..<close.lowerBound])).flatMap(TimeStampToken.init(der:)))
        #expect(token.unboundSigner()?.contains("names another certificate") == true, "\(token.unboundSigner() ?? "bound")")
    }
}
