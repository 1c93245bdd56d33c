import Foundation
@testable import PKI
import TestSupport
import Testing
@testable import Validation

/// A "good" answer issued after the certificate expired is no proof: the CA may have dropped the
/// expired certificate from its CRL (a certificate revoked and then expired reads as not listed),
/// and a responder may have forgotten it. It counts only when its issuer says it keeps expired
/// certificates since no later than the expiry (ExpiredCertsOnCRL, OCSP archiveCutoff).
@Suite("Revocation answers after the certificate expired")
struct ExpiredCertificateAnswerTests {
    static let pki = OwnVectors.root + "/pki/"
    /// signer-expired is valid from 2020-01-01 to 2021-01-01.
    static let expiry: Int64 = 1_609_459_200

    @Test func aCRLIssuedAfterTheExpiryIsNoProofOfGood() throws {
        let expired = try OwnVectors.certificate("signer-expired")
        #expect(expired.notAfter == Self.expiry)
        let issuer = try OwnVectors.certificate("issuing")
        func examine(_ crl: CRL, _ certificate: Certificate) -> RevocationEvidence {
            CRLExamination.examine(crl, certificate: certificate, issuer: issuer, fetched: false, label: "S0")
        }
        // Today's CRL does not list the expired certificate: that says nothing.
        let plain = try CRLExaminationTests.crl()
        #expect(plain.expiredCertificatesSince == nil)
        let dropped = examine(plain, expired)
        #expect(!dropped.isAcceptable && dropped.status?.status == .good)
        #expect(dropped.findings.contains { $0.key == "crl.unusable" && $0.message.contains("after the certificate expired") })
        // It still speaks for a certificate that has not expired.
        #expect(examine(plain, try OwnVectors.certificate("signer-p256")).isAcceptable)
        // A CRL that keeps certificates expired since before the expiry answers.
        let keeping = try CRLExaminationTests.crl(extensions: ["2.5.29.60 = ASN1:GENERALIZEDTIME:20200101000000Z"])
        #expect(keeping.expiredCertificatesSince == 1_577_836_800)
        #expect(examine(keeping, expired).isAcceptable)
        // Keeping them only since after the expiry is not enough.
        let late = try CRLExaminationTests.crl(extensions: ["2.5.29.60 = ASN1:GENERALIZEDTIME:20220101000000Z"])
        #expect(!examine(late, expired).isAcceptable)
        // A malformed ExpiredCertsOnCRL keeps nothing.
        let malformed = try CRLExaminationTests.crl(extensions: ["2.5.29.60 = ASN1:UTF8String:always"])
        #expect(malformed.expiredCertificatesSince == nil && !examine(malformed, expired).isAcceptable)
    }

    /// "Revoked" stays evidence whenever the CRL was issued.
    @Test func aRevokedEntryAfterTheExpiryStillCounts() throws {
        let crl = try CRLExaminationTests.crl(revoked: [("signer-expired", "keyCompromise")])
        let evidence = CRLExamination.examine(crl, certificate: try OwnVectors.certificate("signer-expired"),
                                              issuer: try OwnVectors.certificate("issuing"), fetched: false, label: "S0")
        #expect(evidence.isAcceptable && evidence.status?.status == .revoked(time: 1_704_067_200, reason: 1))
    }

    /// An OCSP response made today (by `openssl ocsp`, with the test PKI's responder) about the
    /// expired certificate, without archiveCutoff, is not acceptable; the same about a certificate
    /// that has not expired is.
    @Test func anOCSPResponseAfterTheExpiryWithoutArchiveCutoffIsNoProof() throws {
        let validator = RevocationValidator(store: try OwnVectorTests.store())
        let issuer = try OwnVectors.certificate("issuing"), responder = try OwnVectors.certificate("responder")
        for (name, acceptable) in [("signer-expired", false), ("signer-p256", true)] {
            let der = try Self.ocsp(name)
            let evidence = validator.examine(der, signer: try OwnVectors.certificate(name), issuer: issuer, pool: [responder],
                                             signatureValue: nil, timeMark: false, fetched: false, label: "S0")
            #expect(evidence.status?.status == .good, "\(name)")
            #expect(evidence.isAcceptable == acceptable, "\(name): \(evidence.findings.map(\.message))")
            #expect(evidence.findings.contains { $0.key == "revocation.after-expiry" } == !acceptable, "\(name)")
        }
    }

    /// What the rule reads, on synthetic answers: archiveCutoff at or before the expiry keeps the answer.
    @Test func archiveCutoffAtOrBeforeTheExpiryKeepsTheAnswer() throws {
        let expired = try OwnVectors.certificate("signer-expired")
        func answer(_ thisUpdate: Int64, keeps: Int64?) -> OCSPResponse.SingleResult {
            OCSPResponse.SingleResult(status: .good, thisUpdate: thisUpdate, nextUpdate: nil, keepsExpiredSince: keeps)
        }
        #expect(ExpiredCertificateAnswer.problem(answer(Self.expiry, keeps: nil), certificate: expired) == nil)
        #expect(ExpiredCertificateAnswer.problem(answer(Self.expiry + 1, keeps: nil), certificate: expired) != nil)
        #expect(ExpiredCertificateAnswer.problem(answer(Self.expiry + 1, keeps: Self.expiry), certificate: expired) == nil)
        #expect(ExpiredCertificateAnswer.problem(answer(Self.expiry + 1, keeps: Self.expiry + 1), certificate: expired) != nil)
    }

    /// A good OCSP response for `name` from the test PKI's responder, made now.
    static func ocsp(_ name: String) throws -> [UInt8] {
        let dir = try scratchFolder()
        let serial = String(decoding: try tool(["openssl", "x509", "-in", pki + name + ".pem", "-noout", "-serial"]), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "=")[1]
        try write("V\t491231235959Z\t\t\(serial)\tunknown\t/CN=\(name)\n", to: dir + "/index.txt")
        _ = try tool(["openssl", "ocsp", "-issuer", pki + "issuing.pem", "-cert", pki + name + ".pem", "-no_nonce", "-reqout", dir + "/req.der"])
        _ = try tool(["openssl", "ocsp", "-index", dir + "/index.txt", "-CA", pki + "issuing.pem", "-rsigner", pki + "responder.pem",
                      "-rkey", pki + "responder.key", "-reqin", dir + "/req.der", "-respout", dir + "/resp.der", "-ndays", "1"])
        return Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/resp.der")))
    }
}
