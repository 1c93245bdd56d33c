import Foundation
@testable import PKI
import TestSupport
import Testing
@testable import Trust

/// The SignatureMethod rule applied to the other signed evidence: an unknown algorithm, or one
/// that does not fit the signer's key, is a failure in a time-stamp token, an OCSP response and a
/// trusted list's signature too, never a pass.
@Suite("Algorithms of time-stamps, OCSP responses and trusted lists")
struct EvidenceAlgorithmTests {
    /// The last occurrence of `old` replaced by `new` (same length, so DER lengths hold).
    static func replaceLast(_ bytes: [UInt8], _ old: [UInt8], _ new: [UInt8]) -> [UInt8]? {
        guard old.count == new.count, bytes.count >= old.count else { return nil }
        for index in stride(from: bytes.count - old.count, through: 0, by: -1) where Array(bytes[index..<(index + old.count)]) == old {
            var patched = bytes
            patched.replaceSubrange(index..<(index + old.count), with: new)
            return patched
        }
        return nil
    }

    /// ecdsa-with-SHA256 (1.2.840.10045.4.3.2) and an unassigned sibling (…4.3.9).
    static let ecdsaSHA256: [UInt8] = [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02]
    static let unknownSibling: [UInt8] = [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x09]

    @Test func aTimeStampTokenWithAnUnknownSignatureAlgorithmDoesNotVerify() throws {
        let der = try #require(try OwnVectors.embedded("EncapsulatedTimeStamp", in: "lt-p256.asice"))
        let token = try #require(TimeStampToken(der: der))
        #expect(token.verifySignature() == .valid)
        // The SignerInfo's signatureAlgorithm is the last ecdsa-with-SHA256 in the token (the
        // TSA certificate's own comes before it); OpenSSL would verify with the key regardless.
        let patched = try #require(Self.replaceLast(der, Self.ecdsaSHA256, Self.unknownSibling))
        let forged = try #require(TimeStampToken(der: patched))
        guard case .invalid = forged.verifySignature() else {
            Issue.record("a token declaring an unknown signature algorithm verified: \(forged.verifySignature())")
            return
        }
        // sha256WithRSAEncryption on the TSA's EC key.
        let tsa = try OwnVectors.certificate("tsa")
        #expect(token.algorithmProblem(tsa) == nil)
        #expect(forged.algorithmProblem(tsa) != nil)
    }

    @Test func anOCSPResponseWithAnUnknownSignatureAlgorithmIsNotSigned() throws {
        let der = try #require(try OwnVectors.embedded("EncapsulatedOCSPValue", in: "lt-p256.asice"))
        let response = try #require(OCSPResponse(der: der))
        let responder = try #require(response.responder(among: []))
        #expect(response.isSigned(by: responder))
        // BasicOCSPResponse.signatureAlgorithm precedes the responder certificate, whose own
        // algorithm comes last: patch the first occurrence.
        let index = try #require((0...(der.count - Self.ecdsaSHA256.count)).first { Array(der[$0..<($0 + Self.ecdsaSHA256.count)]) == Self.ecdsaSHA256 })
        var patched = der
        patched.replaceSubrange(index..<(index + Self.ecdsaSHA256.count), with: Self.unknownSibling)
        let forged = try #require(OCSPResponse(der: patched))
        #expect(!forged.isSigned(by: responder))
    }

    @Test func aTrustedListWhoseSignatureMethodDoesNotFitTheKeyIsNotUsable() throws {
        let path = OwnVectors.root + "/pki/tsl/ZZ_T.xml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let signer = try OwnVectors.certificate("tslsigner")
        #expect(TrustedListSignature.verify(bytes: Array(text.utf8), source: path, allowed: [signer]).isValid)
        for method in ["http://www.w3.org/2001/04/xmldsig-more#rsa-sha384", "http://www.w3.org/2000/09/xmldsig#hmac-sha1",
                       "http://www.w3.org/2000/09/xmldsig#dsa-sha1", "urn:unknown", ""] {
            let changed = text.replacingOccurrences(of: "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", with: method)
            #expect(changed != text)
            let result = TrustedListSignature.verify(bytes: Array(changed.utf8), source: path, allowed: [signer])
            #expect(!result.isValid, "SignatureMethod \"\(method)\" accepted")
        }
    }
}
