@testable import PKI
import TestSupport
import Testing

/// The signer of a time-stamp token, the responder of an OCSP response and the links of a
/// verified chain are the certificate objects already made for the X509 OpenSSL hands back (the
/// token's or the response's own, or the caller's), equal to a fresh wrapping of it; an X509
/// nobody wraps yet gets a new object.
@Suite("Signer certificates")
struct SignerWrappingTests {
    @Test func aTokensSignerIsItsOwnCertificate() throws {
        let der = try #require(try OwnVectors.embedded("EncapsulatedTimeStamp", in: "lt-p256.asice"))
        let token = try #require(TimeStampToken(der: der))
        let signer = try #require(token.signer())
        #expect(token.certificates.contains { $0 === signer })
        #expect(signer == (try OwnVectors.certificate("tsa")))
        #expect(signer == Certificate(retaining: signer.x509))
    }

    @Test func aResponsesResponderIsItsOwnCertificate() throws {
        let der = try #require(try OwnVectors.embedded("EncapsulatedOCSPValue", in: "lt-p256.asice"))
        let response = try #require(OCSPResponse(der: der))
        let responder = try #require(response.responder(among: []))
        #expect(response.certificates.contains { $0 === responder })
        #expect(responder == Certificate(retaining: responder.x509))
        #expect(response.isSigned(by: responder))
    }

    /// A chain OpenSSL verified holds the Certificate objects it was given. One second after the
    /// leaf's start, so the chain cache (which does not decide so close to a validity bound) is
    /// not asked.
    @Test func aVerifiedChainIsMadeOfTheGivenCertificates() throws {
        let leaf = try OwnVectors.certificate("signer-p256")
        let issuing = try OwnVectors.certificate("issuing"), root = try OwnVectors.certificate("root")
        let check = ChainBuilder.check(leaf, intermediates: [issuing], anchors: [root], at: leaf.notBefore + 1)
        #expect(check.isValid)
        #expect(check.chain.count == 3)
        #expect(zip(check.chain, [leaf, issuing, root]).allSatisfy { $0 === $1 })
    }

    @Test func theCallersObjectOrANewOne() throws {
        let tsa = try OwnVectors.certificate("tsa"), ca = try OwnVectors.certificate("issuing")
        #expect(Certificate.wrapping(tsa.x509, among: [ca], [tsa]) === tsa)
        let fresh = try #require(Certificate.wrapping(tsa.x509, among: [ca]))
        #expect(fresh !== tsa && fresh == tsa)
    }
}
