import Foundation
@testable import PKI
import TestSupport
import Testing

/// The digest of a revocation value's own signature algorithm, read from its DER: the OID's digest,
/// RSASSA-PSS's hashAlgorithm parameter (SHA-1 when absent), nothing for what cannot be told.
@Suite("Signature algorithm identifiers")
struct SignatureAlgorithmIdentifierTests {
    static func identifier(_ oid: [UInt8], params: [UInt8]? = nil) -> DER? {
        DER(DER.encode(tag: 0x30, DER.encode(tag: 0x06, oid) + (params ?? [])))
    }
    static let pss: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0A]
    static let sha384: [UInt8] = [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02]

    @Test func digestsAreReadFromTheIdentifier() {
        let ecdsaSHA256: [UInt8] = [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02]
        let sha1RSA: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x05]
        let md5RSA: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x04]
        #expect(SignatureAlgorithmIdentifier.digest(Self.identifier(ecdsaSHA256)) == .sha256)
        #expect(SignatureAlgorithmIdentifier.digest(Self.identifier(sha1RSA, params: [0x05, 0x00])) == .sha1)
        #expect(SignatureAlgorithmIdentifier.digest(Self.identifier(md5RSA)) == nil)
        #expect(SignatureAlgorithmIdentifier.digest(Self.identifier([0x2B, 0x06, 0x01, 0x04, 0x01])) == nil)
        #expect(SignatureAlgorithmIdentifier.digest(nil) == nil)
    }

    @Test func pssTakesItsHashParameter() {
        let hash = DER.encode(tag: 0xA0, DER.encode(tag: 0x30, DER.encode(tag: 0x06, Self.sha384)))
        #expect(SignatureAlgorithmIdentifier.digest(Self.identifier(Self.pss, params: DER.encode(tag: 0x30, hash))) == .sha384)
        #expect(SignatureAlgorithmIdentifier.digest(Self.identifier(Self.pss, params: DER.encode(tag: 0x30, []))) == .sha1)
        #expect(SignatureAlgorithmIdentifier.digest(Self.identifier(Self.pss)) == .sha1)
        // A hash parameter that is not an OID: cannot be told.
        let broken = DER.encode(tag: 0xA0, DER.encode(tag: 0x30, DER.encode(tag: 0x04, [1])))
        #expect(SignatureAlgorithmIdentifier.digest(Self.identifier(Self.pss, params: DER.encode(tag: 0x30, broken))) == nil)
    }

    @Test func anEmbeddedOCSPResponseNamesItsDigest() throws {
        let corpus = try #require(OwnVectors.corpus)
        let xml = String(decoding: try tool(["unzip", "-p", corpus.root + "/containers/lt-p256.asice", "META-INF/signatures0.xml"]), as: UTF8.self)
        let start = try #require(xml.range(of: "<xades:EncapsulatedOCSPValue>")).upperBound
        let end = try #require(xml.range(of: "</xades:EncapsulatedOCSPValue>")).lowerBound
        let der = try #require(Data(base64Encoded: String(xml[start..<end]), options: .ignoreUnknownCharacters))
        #expect(OCSPResponse.signatureDigest(der: Array(der)) == .sha256)
        #expect(OCSPResponse.signatureDigest(der: [0x30, 0x03, 0x0A, 0x01, 0x00]) == nil)
    }
}
