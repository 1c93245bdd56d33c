import Findings
import PKI

/// Examines a CRL as revocation evidence about one certificate (RFC 5280 §6.3, as a validator that
/// accepts only what it can check). The CRL speaks for the certificate when it is
/// - issued and signed by the certificate's own issuer (a direct CRL; one marked indirect may list
///   other CAs' certificates, whose entries name their CA), or
/// - an indirect CRL of an issuer the certificate's distribution point names as its cRLIssuer,
///   signed by an entitled certificate (``IndirectCRLAuthority``).
/// Delta CRLs, CRLs limited to some reasons or the other kind of certificate, CRLs with an unknown
/// critical extension and CRLs whose times cannot be read are not acceptable; the signer must be
/// allowed to sign CRLs (keyUsage cRLSign; for the CA, when it states a key usage). The CA's own
/// trust is the certificate chain's: a direct CRL speaks for exactly the CA the chain goes through.
///
/// As evidence it reads like an OCSP answer: `producedAt` and thisUpdate are the CRL's
/// thisUpdate, the status is "revoked" when the certificate is listed and "good" when not.
struct CRLExamination {
    static func examine(_ parsed: CRL?, certificate: Certificate, issuer: Certificate?, fetched: Bool, label: String,
                        indirect: IndirectCRLAuthority? = nil) -> RevocationEvidence {
        var findings: [Finding] = []
        func evidence(_ status: OCSPResponse.SingleResult?, produced: Int64?, signer: Certificate?, signed: Bool, trustedBy: String?) -> RevocationEvidence {
            var evidence = RevocationEvidence(producedAt: produced, status: status, responder: signed ? signer : nil, responderSigned: signed,
                                              responderTrusted: trustedBy != nil, trustedBy: trustedBy,
                                              nonceMatches: nil, timeMarkResponder: false, fetched: fetched, findings: findings)
            evidence.source = .crl
            evidence.der = parsed?.der
            return evidence
        }
        guard let crl = parsed else {
            findings.append(.error("crl.malformed", "a CRL cannot be read", subject: label))
            return evidence(nil, produced: nil, signer: nil, signed: false, trustedBy: nil)
        }
        let direct = issuer.map(crl.isNamed(for:)) ?? false
        guard let issuer, direct || certificate.crlIssuerNames.contains(where: crl.isNamed(derName:)) else {
            // Another CA's list, or an indirect one the certificate does not delegate to: not this question's evidence.
            findings.append(.info("crl.other-issuer", "a CRL of \(crl.issuer) does not concern this certificate", subject: label))
            return evidence(nil, produced: crl.thisUpdate, signer: nil, signed: false, trustedBy: nil)
        }
        let scope = crl.scope
        var problems: [String] = []
        var signer: Certificate? = issuer
        var entitlement = "CRL of the issuing CA"
        if !direct {
            if !scope.isIndirect { problems.append("it is issued by the certificate's delegated CRL issuer but is not marked indirect") }
            switch indirect?.signer(of: crl, issuer: issuer) ?? .notEntitled("indirect CRLs cannot be checked here") {
            case let .entitled(certificate, how):
                signer = certificate
                entitlement = how
            case let .notEntitled(reason):
                signer = nil
                findings.append(.error("crl.issuer-not-entitled", "the indirect CRL of \(crl.issuer) has no entitled signer: \(reason)", subject: label))
            }
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
        let result = OCSPResponse.SingleResult(status: status, thisUpdate: thisUpdate, nextUpdate: crl.nextUpdate,
                                               keepsExpiredSince: crl.expiredCertificatesSince)
        let signed = signer.map(crl.isSigned(by:)) ?? false
        if !signed, signer != nil {
            findings.append(.error("crl.signature-invalid", "the CRL of \(crl.issuer) is not signed by \(direct ? "the certificate's issuer" : "its issuer")", subject: label))
        }
        if let point = scope.distributionPoint, !Self.covers(point, certificate: certificate, direct: direct, crl: crl) {
            problems.append("it covers only the distribution point \(point.shown), which is not one of the certificate's")
        }
        if let problem = ExpiredCertificateAnswer.problem(result, certificate: certificate) { problems.append(problem) }
        if scope.isDelta { problems.append("it is a delta CRL") }
        if scope.partial { problems.append("it covers only some revocation reasons or attribute certificates") }
        if scope.onlyCACertificates, !certificate.isCA { problems.append("it covers only CA certificates") }
        if scope.onlyUserCertificates, certificate.isCA { problems.append("it covers only end-entity certificates") }
        problems += scope.unknownCritical.map { "it has an unknown critical extension (\($0))" }
        if case .revoked(_, 8) = status { problems.append("it lists the certificate as removeFromCRL, which only a delta CRL may") }
        let usages = issuer.keyUsageNames
        if direct, !usages.isEmpty, !usages.contains("crlSign") { problems.append("its issuer's key usage does not include cRLSign") }
        if !problems.isEmpty {
            findings.append(.error("crl.unusable", "the CRL of \(crl.issuer) is not acceptable: " + problems.joined(separator: "; "), subject: label))
        }
        return evidence(result, produced: thisUpdate, signer: signer, signed: signed, trustedBy: signed && problems.isEmpty ? entitlement : nil)
    }

    /// Whether a CRL whose IssuingDistributionPoint names `point` speaks for `certificate` (RFC 5280
    /// §6.3.3 (b)(2)(i), as OpenSSL's CRL distribution-point check): one of the certificate's
    /// distribution points must be this CRL issuer's (no cRLIssuer for the CA's own CRL, or a
    /// cRLIssuer naming this one) and either name no point or share a name with `point`. A partition
    /// of the CA's CRL that does not list the certificate says nothing about it, so a certificate
    /// without distribution points is covered only by a CRL that names none.
    static func covers(_ point: DistributionPoint, certificate: Certificate, direct: Bool, crl: CRL) -> Bool {
        certificate.crlDistributionPoints.contains { own in
            let sameIssuer = own.crlIssuers.isEmpty ? direct : own.crlIssuers.contains(where: crl.isNamed(derName:))
            return sameIssuer && (own.fullNames == nil || own.sharesName(with: point))
        }
    }
}
