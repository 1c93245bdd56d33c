import TestSupport
import ASiC
import Foundation
import PKI
import Testing
@testable import XAdES

@Suite("Signature values with openssl-made keys")
struct SignatureAlgorithmTests {
    private func results(_ fixture: SignedFixture) throws -> CoreResult {
        let document = try SignedDocument.open(path: fixture.container)
        return try #require(document.verifyCore().first)
    }

    @Test(arguments: SignedFixture.Key.allCases)
    func verifiesAndDetectsTampering(key: SignedFixture.Key) throws {
        let good = try results(SignedFixture.make(key))
        #expect(good.crypto == .ok, "\(good.findings.map(\.message))")
        #expect(good.references.map(\.intact) == [true, true])
        #expect(good.signer?.subjectAttribute("CN") == "signer \(key.rawValue)")
        #expect(good.profile == .b)

        var tampered = SignedFixture.Options()
        tampered.tamperSignatureValue = true
        let bad = try results(SignedFixture.make(key, tampered))
        #expect(bad.crypto == .sigFailure)
        #expect(bad.findings.contains { $0.key == "xades.signature-value.invalid" })
    }

    @Test func aChangedDataFileIsAHashFailure() throws {
        var options = SignedFixture.Options()
        options.tamperData = true
        let result = try results(SignedFixture.make(.p256, options))
        #expect(result.crypto == .hashFailure)
        #expect(result.references.first?.intact == false)
        #expect(result.signatureIntact == true)
    }

    @Test func keySubstitutionIsRefused() throws {
        // Signed with the attacker's key, whose certificate comes first in KeyInfo; the signed
        // SigningCertificate digest names the victim. xmlsec-style "any key that verifies" would accept it.
        var options = SignedFixture.Options()
        options.substituteKey = true
        let result = try results(SignedFixture.make(.rsa2048, options))
        #expect(result.signer?.subjectAttribute("CN") == "signer rsa2048")
        #expect(result.crypto == .sigFailure)
    }

    @Test(arguments: [SignedFixture.Key.rsa2048, .p256, .brainpoolP384r1])
    func xmlsec1AgreesWithOurCanonicalization(key: SignedFixture.Key) throws {
        let fixture = try SignedFixture.make(key)
        // Independent check: xmlsec1 verifies the same signature file with the signer certificate.
        try tool(["xmlsec1", "--verify", "--pubkey-cert-pem", fixture.dir + "/signer.pem",
                  "--url-map:hello world.txt", fixture.dir + "/data.bin",
                  "--id-attr:Id", "http://uri.etsi.org/01903/v1.3.2#:SignedProperties", fixture.signatureXML])
    }
}
