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

/// Serial numbers lose their whitespace as `Character.isWhitespace` says, by byte for ASCII text:
/// the same result for every ASCII control and space, CR LF pairs, and non-ASCII text (no-break
/// and ideographic spaces, combining marks) that takes the character-wise path.
@Suite("Serial number text")
struct SerialTextTests {
    @Test func whitespaceIsRemovedAsCharactersSay() {
        var samples = ["12 34", "\t0x1F\r\n", "1\u{0B}2\u{0C}3", "\u{1C}1\u{1F}", "12\u{A0}34", "1\u{3000}2", "1\u{301} 2", ""]
        let alphabet: [Character] = ["1", "9", "x", "A", " ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{1D}", "\u{7F}", "\u{85}", "\u{A0}", "\u{2028}"]
        for _ in 0..<2_000 { samples.append(String((0..<Int.random(in: 0...12)).map { _ in alphabet.randomElement()! })) }
        for text in samples {
            #expect(Certificate.withoutWhitespace(text) == text.filter { !$0.isWhitespace }, "\(Array(text.unicodeScalars))")
        }
    }
}
