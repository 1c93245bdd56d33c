import Foundation
import TestSupport
import Testing
import Trust
@testable import Validation

/// A CA between the signer and the certificate a list or anchor vouches for needs its own
/// revocation status; the signature carries none for it (and CRLs are not supported yet), so
/// the verdict cannot be a pass. Anchoring the issuing CA itself removes the question.
@Suite("Intermediate CAs")
struct IntermediateCATests {
    @Test func anIntermediateWithoutRevocationDataCannotPass() throws {
        let path = OwnVectors.root + "/containers/lt-p256.asice"
        let rootAnchored = TrustStore(services: [], anchors: try TrustAnchors.load(OwnVectors.root + "/pki/root.pem"))
        let below = try #require(Validator(policy: .dssDefault, store: rootAnchored).validate(path: path).signatures.first)
        #expect(below.indication == .indeterminate)
        #expect(below.subIndication == .tryLater)
        #expect(below.decision?.constraint.key == "BBB_XCV_SUB_ICNR", "\(below.decision?.constraint.message ?? "")")
        #expect(below.context.intermediateRevocation.count == 1)

        let issuingAnchored = TrustStore(services: [], anchors: try TrustAnchors.load(OwnVectors.root + "/pki/issuing.pem")
                                         + TrustAnchors.load(OwnVectors.root + "/pki/tsa.pem")
                                         + TrustAnchors.load(OwnVectors.root + "/pki/responder.pem"))
        let direct = try #require(Validator(policy: .dssDefault, store: issuingAnchored).validate(path: path).signatures.first)
        #expect(direct.context.intermediateRevocation.isEmpty)
        #expect(direct.indication == .totalPassed, "\(direct.decision?.constraint.message ?? "")")
    }
}

/// RFC 6960 §4.2.2.2 with own anchors as well as with the trusted list: a delegated responder
/// whose certificate had expired, or an ordinary certificate of the CA, has no right to answer.
@Suite("OCSP responder rights with own anchors")
struct ResponderRightsTests {
    @Test(arguments: ["delegated-responder-expired.asice", "ocsp-by-ordinary-cert.asice"])
    func aResponderWithoutTheRightToAnswerIsNotUsed(vector: String) throws {
        let path = OwnVectors.root + "/containers/" + vector
        for anchors in [["root.pem"], ["issuing.pem", "tsa.pem"]] {
            let store = TrustStore(services: [], anchors: try anchors.flatMap { try TrustAnchors.load(OwnVectors.root + "/pki/" + $0) })
            let signature = try #require(Validator(policy: .dssDefault, store: store).validate(path: path).signatures.first)
            #expect(signature.indication != .totalPassed, "\(vector) with \(anchors)")
            #expect(signature.context.revocationAnswer == nil, "\(vector) with \(anchors): an answer was used")
            #expect(signature.findings.contains { $0.key == "ocsp.responder-not-authorized" }, "\(vector) with \(anchors)")
        }
    }
}

/// A bare XAdES document's data are the files given with `--detached`: one that no signature
/// references is unsigned content, and the container verdict fails.
@Suite("Detached data")
struct DetachedDataTests {
    @Test func aDetachedFileNoSignatureCoversFailsTheVerdict() throws {
        let dir = try scratchFolder()
        try write("signed", to: dir + "/a.txt")
        try write("not signed", to: dir + "/evil.pdf")
        let xml = """
        <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="S0"><ds:SignedInfo>\
        <ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>\
        <ds:Reference URI="a.txt"><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>AA==</ds:DigestValue></ds:Reference></ds:SignedInfo>\
        <ds:SignatureValue>AA==</ds:SignatureValue></ds:Signature>
        """
        try write(xml, to: dir + "/sig.xml")
        let result = Validator(policy: .dssDefault, store: .empty).validate(path: dir + "/sig.xml", detached: [dir + "/a.txt", dir + "/evil.pdf"])
        #expect(result.verdict == .failed)
        #expect(result.judgement.reasons.contains { $0.contains("evil.pdf") && $0.contains("not covered") }, "\(result.judgement.reasons)")
        #expect(!result.judgement.reasons.contains { $0.contains("a.txt\" is not covered") })
    }
}
