import Findings
import PKI

/// Examines a CRL as revocation evidence about one certificate (RFC 5280 §6.3, as a validator that
/// accepts only what it can check): the CRL must be issued *and signed* by the certificate's own
/// issuer (a direct CRL; indirect CRLs, delta CRLs, CRLs limited to some reasons and CRLs with an
/// unknown critical extension are not acceptable), that issuer may sign CRLs (keyUsage cRLSign
/// when it states a key usage), and its times must be readable. The issuer's own trust is the
/// certificate chain's: the CRL speaks for exactly the CA the chain goes through.
///
/// As evidence it reads like an OCSP answer: `producedAt` and thisUpdate are the CRL's
/// thisUpdate, the status is "revoked" when the certificate is listed and "good" when not.
struct CRLExamination {
    static func examine(_ parsed: CRL?, certificate: Certificate, issuer: Certificate?, fetched: Bool, label: String) -> RevocationEvidence {
        var findings: [Finding] = []
        func evidence(_ status: OCSPResponse.SingleResult?, produced: Int64?, signed: Bool, trusted: Bool) -> RevocationEvidence {
            var evidence = RevocationEvidence(producedAt: produced, status: status, responder: signed ? issuer : nil, responderSigned: signed,
                                              responderTrusted: trusted, trustedBy: trusted ? "CRL of the issuing CA" : nil,
                                              nonceMatches: nil, timeMarkResponder: false, fetched: fetched, findings: findings)
            evidence.source = .crl
            evidence.der = parsed?.der
            return evidence
        }
        guard let crl = parsed else {
            findings.append(.error("crl.malformed", "a CRL cannot be read", subject: label))
            return evidence(nil, produced: nil, signed: false, trusted: false)
        }
        guard let issuer, crl.isNamed(for: issuer) else {
            // Another CA's list: not this question's evidence.
            findings.append(.info("crl.other-issuer", "a CRL of \(crl.issuer) does not concern this certificate", subject: label))
            return evidence(nil, produced: crl.thisUpdate, signed: false, trusted: false)
        }
        let thisUpdate = crl.thisUpdate
        let timesReadable = thisUpdate != nil && !crl.hasUnreadableNextUpdate
        let status: OCSPResponse.CertificateStatus
        switch crl.entry(for: certificate) {
        case _ where !timesReadable: status = .unreadable
        case .notListed: status = .good
        case .unreadable: status = .unreadable
        case let .revoked(time, reason): status = .revoked(time: time, reason: reason)
        }
        let result = OCSPResponse.SingleResult(status: status, thisUpdate: thisUpdate, nextUpdate: crl.nextUpdate)
        let signed = crl.isSigned(by: issuer)
        if !signed {
            findings.append(.error("crl.signature-invalid", "the CRL of \(crl.issuer) is not signed by the certificate's issuer", subject: label))
        }
        var problems: [String] = []
        let scope = crl.scope
        if scope.isDelta { problems.append("it is a delta CRL") }
        if scope.isIndirect { problems.append("it is an indirect CRL (not supported)") }
        if scope.partial { problems.append("it covers only some revocation reasons or attribute certificates") }
        if scope.onlyCACertificates, !certificate.isCA { problems.append("it covers only CA certificates") }
        if scope.onlyUserCertificates, certificate.isCA { problems.append("it covers only end-entity certificates") }
        problems += scope.unknownCritical.map { "it has an unknown critical extension (\($0))" }
        if case .revoked(_, 8) = status { problems.append("it lists the certificate as removeFromCRL, which only a delta CRL may") }
        let usages = issuer.keyUsageNames
        if !usages.isEmpty, !usages.contains("crlSign") { problems.append("its issuer's key usage does not include cRLSign") }
        if !problems.isEmpty {
            findings.append(.error("crl.unusable", "the CRL of \(crl.issuer) is not acceptable: " + problems.joined(separator: "; "), subject: label))
        }
        return evidence(result, produced: thisUpdate, signed: signed, trusted: signed && problems.isEmpty)
    }
}
