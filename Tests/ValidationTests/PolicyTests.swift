import Findings
import Foundation
import PKI
import TestSupport
import Testing
import Trust
@testable import Validation

@Suite("Validation policy")
struct PolicyTests {
    @Test func policyFilesStartFromABuiltInAndChangeIt() throws {
        let policy = try PolicyFile.parse("""
        asic-policy 1
        # Estonian rules, but B-level seals from our own CA are fine
        base ee
        name company
        description EE with B-level accepted
        level BBB_FC_IEFF IGNORE
        level QUAL_QES_REQUIRED WARN
        formats XAdES-BASELINE-B XAdES-BASELINE-LT
        ocsp-late-failure 3600
        digest-expiry SHA-1 2012-08-01
        digest-expiry SHA-224 forbidden
        min-rsa-bits 2048
        """, source: "company.policy")
        #expect(policy.name == "company")
        #expect(policy.level("BBB_FC_IEFF", default: .fail) == .ignore)
        #expect(policy.level("BBB_FC_IAFS", default: .warn) == .fail) // inherited from ee
        #expect(policy.acceptedFormats == ["XAdES-BASELINE-B", "XAdES-BASELINE-LT"])
        #expect(policy.ocspLateFailure == 3600)
        #expect(policy.digestExpiry[.sha1] == .some(ISOTime.parse("2012-08-01T00:00:00Z")))
        #expect(policy.digestExpiry[.sha224] == nil)
        #expect(policy.minRSABits == 2048)
    }

    @Test(arguments: [
        ("base ee", "policy.version"),
        ("asic-policy 1\nlevel BBB_CV_ISI SOMETIMES", "policy.syntax"),
        ("asic-policy 1\nbase dss", "policy.syntax"),
        ("asic-policy 1\nfrobnicate 3", "policy.syntax"),
        ("asic-policy 1\nlevel BBB_NOT_A_KEY FAIL", "policy.syntax"),
        ("asic-policy 1\nname x\nbase ee", "policy.syntax"),
    ])
    func badPolicyFilesNameTheLine(text: String, key: String) {
        do {
            _ = try PolicyFile.parse(text, source: "bad.policy")
            Issue.record("accepted a bad policy")
        } catch let error as InputError {
            #expect(error.key == key)
            #expect(key == "policy.version" || error.message.hasPrefix("line "))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func eeDiffersFromDefaultWhereSiVaDoes() {
        #expect(ValidationPolicy.ee.level("BBB_FC_IAFS", default: .warn) == .fail)
        #expect(ValidationPolicy.dssDefault.level("BBB_FC_IAFS", default: .fail) == .warn)
        #expect(ValidationPolicy.ee.acceptedFormats?.contains("XAdES-BASELINE-B") == false)
        #expect(ValidationPolicy.ee.digestExpiry[.sha1] == .some(nil))
        #expect(ValidationPolicy.dssDefault.digestExpiry[.sha1] != .some(nil))
    }

    @Test func atAPastTimeTheSameInputGivesTheSameVerdict() throws {
        let pki = try TestPKI()
        var options = SignedFixture.Options()
        options.signerKey = pki.path("good.key")
        options.signerCertificate = pki.path("good.pem")
        let fixture = try SignedFixture.make(.p256, options)
        let store = pki.anchoredStore
        let signer = try pki.certificate("good")
        // Before the signer certificate existed, and while it was valid.
        let before = Validator(policy: .dssDefault, store: store, time: signer.notBefore - 86_400).validate(path: fixture.container)
        #expect(before.signatures.first?.subIndication == .outOfBoundsNoPOE)
        let during = Validator(policy: .dssDefault, store: store, time: signer.notBefore + 86_400).validate(path: fixture.container)
        #expect(during.signatures.first?.subIndication == .certificateChainGeneralFailure) // valid chain, no revocation offline
        let again = Validator(policy: .dssDefault, store: store, time: signer.notBefore + 86_400).validate(path: fixture.container)
        #expect(again.signatures.map(\.indication) == during.signatures.map(\.indication))
        #expect(again.signatures.map(\.findings.count) == during.signatures.map(\.findings.count))
    }
}
