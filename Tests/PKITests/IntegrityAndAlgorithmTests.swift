import PKI
import TestSupport
import Testing

/// The outcome every signed thing shares, and which signature methods fit which keys.
@Suite("Integrity outcome and algorithm fit")
struct IntegrityAndAlgorithmTests {
    @Test func worstFirst() {
        #expect(IntegrityOutcome.of(found: false, intact: false, signature: false) == .notFound)
        #expect(IntegrityOutcome.of(found: true, intact: false, signature: true) == .hashFailure)
        #expect(IntegrityOutcome.of(found: true, intact: true, signature: false) == .sigFailure)
        #expect(IntegrityOutcome.of(found: true, intact: true, signature: nil) == .undetermined)
        #expect(IntegrityOutcome.of(found: true, intact: true, signature: true) == .ok)
    }

    @Test func methodsFitOnlyTheirKeyType() throws {
        let ec = try #require(TrustAnchorsFree.certificate("signer-p256").publicKey)
        let rsa = try #require(TrustAnchorsFree.certificate("signer-rsa2048").publicKey)
        let more = "http://www.w3.org/2001/04/xmldsig-more#"
        let ecdsa = try #require(SignatureAlgorithm(uri: more + "ecdsa-sha256"))
        let pkcs1 = try #require(SignatureAlgorithm(uri: more + "rsa-sha384"))
        let pss = try #require(SignatureAlgorithm(uri: "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1"))
        #expect(ecdsa.fits(ec) && !ecdsa.fits(rsa))
        #expect(pkcs1.fits(rsa) && !pkcs1.fits(ec))
        #expect(pss.fits(rsa) && !pss.fits(ec))
        for unknown in ["http://www.w3.org/2000/09/xmldsig#hmac-sha1", "http://www.w3.org/2000/09/xmldsig#dsa-sha1", "", "urn:x",
                        "http://www.w3.org/2007/05/xmldsig-more#rsa-pss"] {
            #expect(SignatureAlgorithm(uri: unknown) == nil, "\(unknown) is not on the allowlist")
        }
    }
}

/// Certificates of the bundled test PKI, read without the trust module.
enum TrustAnchorsFree {
    static func certificate(_ name: String) throws -> Certificate {
        let pem = try String(contentsOfFile: OwnVectors.root + "/pki/" + name + ".pem", encoding: .utf8)
        let der = try #require(Base64.decode(pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()))
        return try #require(Certificate(der: der))
    }
}
