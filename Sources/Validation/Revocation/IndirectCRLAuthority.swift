import PKI
import Trust

/// Who may sign an indirect CRL for a certificate (RFC 5280 §§5.2.5, 6.3.3): a CRL issuer other
/// than the certificate's CA speaks for it only when the certificate's own distribution point names
/// that issuer (cRLIssuer, checked by the caller), and its certificate
/// - bears the CRL's issuer name and the key that signed it, states keyUsage cRLSign, and was valid
///   at the CRL's thisUpdate;
/// - is certified by the same, trusted CA (issued by the certificate's issuer), or is itself a
///   revocation service listed for the TSP that operates that CA;
/// - is not revoked: unless listed, a direct CRL of the CA among the same evidence must vouch
///   for it, issued no earlier than the indirect CRL (no certificate can say "not revoked" about
///   itself, so the indirect CRL does not count).
/// Anything short of that leaves the CRL without an entitled signer (fail closed).
struct IndirectCRLAuthority {
    let store: TrustStore
    let pool: [Certificate]
    /// Every CRL of the same evidence, for the CRL issuer's own status.
    let crls: [CRL?]

    enum Verdict {
        case entitled(Certificate, String)
        case notEntitled(String)
    }

    func signer(of crl: CRL, issuer: Certificate) -> Verdict {
        guard let at = crl.thisUpdate else { return .notEntitled("its thisUpdate cannot be read") }
        let candidates = pool.filter { crl.isNamed(for: $0) && crl.isSigned(by: $0) }
        guard !candidates.isEmpty else {
            return .notEntitled("no certificate of its issuer \(crl.issuer) that verifies its signature is among the signature's certificates")
        }
        var reasons: [String] = []
        let issuerName = issuer.subjectAttribute("CN") ?? issuer.subject
        for candidate in candidates {
            guard candidate.keyUsageNames.contains("crlSign") else { reasons.append("its issuer's certificate does not state keyUsage cRLSign"); continue }
            guard candidate.isValid(at: at) else { reasons.append("its issuer's certificate was not valid at its thisUpdate"); continue }
            let listed = store.validate(candidate, pool: pool, purpose: .revocation, at: at)
            if listed.isTrusted, let service = listed.service {
                let caService = store.validate(issuer, pool: pool, purpose: .signing, at: at).service
                if caService?.providerKey == service.providerKey {
                    return .entitled(candidate, "indirect CRL issuer listed as \(service.current.name)")
                }
            }
            guard candidate.isIssued(by: issuer) else {
                reasons.append("its issuer is neither certified by \(issuerName) nor a listed revocation service of its TSP"); continue
            }
            guard store.validate(issuer, pool: pool, purpose: .signing, at: at).isTrusted else {
                reasons.append("the issuing CA \(issuerName) is not trusted at \(ISOTime.format(at))"); continue
            }
            let vouched = crls.contains { other in
                guard let other, other !== crl, other.isNamed(for: issuer), other.isSigned(by: issuer), other.scope.isComplete, !other.scope.onlyCACertificates,
                      (other.thisUpdate ?? .min) >= at else { return false }
                return other.entry(for: candidate) == .notListed
            }
            guard vouched else {
                reasons.append("no direct CRL of \(issuerName) among the evidence shows its issuer's certificate unrevoked"); continue
            }
            return .entitled(candidate, "indirect CRL issuer certified by \(issuerName)")
        }
        return .notEntitled(reasons.joined(separator: "; "))
    }
}
