import PKI
import Trust

/// Who may answer for a certificate's status (RFC 6960 §4.2.2.2, as DSS applies it), at the
/// response's producedAt:
/// (a) the CA that issued the certificate, itself trusted for signing;
/// (b) a responder certificate issued directly by that CA, carrying id-kp-OCSPSigning, valid at
///     producedAt, and carrying id-pkix-ocsp-nocheck (its own revocation cannot otherwise be
///     established from the signature's evidence, so it is not taken on trust);
/// (c) a responder listed as a Certstatus/OCSP/QC service in a trusted list (with its history), or
///     given as an own anchor; a certificate under such a listed CA or anchor needs id-kp-OCSPSigning.
/// Anything else (an ordinary certificate of the same CA, a responder of another CA, an expired
/// delegated responder) has no right to speak.
enum ResponderAuthority {
    enum Verdict: Equatable {
        case entitled(String)
        case notEntitled(String)
    }

    static func check(_ responder: Certificate, issuer: Certificate?, issuerAnchor: ChainValidation? = nil, store: TrustStore,
                      pool: [Certificate], at producedAt: Int64) -> Verdict {
        let listed = store.validate(responder, pool: pool, purpose: .revocation, at: producedAt)
        let issuerValidation = issuerAnchor ?? issuer.map { store.validate($0, pool: pool, purpose: .signing, at: producedAt) }
        if listed.isTrusted {
            // A listed OCSP service answers for the certificates of its own TSP (RFC 6960 §2.2: a
            // responder says "unknown" for issuers it does not serve; a "good" about another TSP's
            // certificate is not its to give). An own anchor is trusted as the user configured it.
            if let service = listed.service {
                guard let caService = issuerValidation?.service, caService.providerKey == service.providerKey else {
                    return .notEntitled("\(service.current.name) is an OCSP service of \(service.provider), not of the TSP that issued the signer certificate")
                }
            }
            return .entitled(listed.chain.compactMap(\.trustedBy).first ?? "trusted OCSP responder")
        }
        guard let issuer else {
            return .notEntitled("the signer's issuing CA is unknown, and the responder is not a listed OCSP service")
        }
        let issuerName = issuer.subjectAttribute("CN") ?? issuer.subject
        let issuerTrusted = issuerValidation?.isTrusted ?? false
        if responder == issuer {
            return issuerTrusted ? .entitled("the issuing CA \(issuerName)")
                : .notEntitled("the issuing CA \(issuerName) is not trusted at \(ISOTime.format(producedAt))")
        }
        guard responder.isIssued(by: issuer) else {
            return .notEntitled("it is neither the issuing CA \(issuerName), nor issued by it, nor a listed OCSP service")
        }
        guard responder.isOCSPSigner else {
            return .notEntitled("it is issued by \(issuerName) but is not an OCSP signer (no id-kp-OCSPSigning)")
        }
        guard responder.isValid(at: producedAt) else {
            return .notEntitled("its certificate (\(ISOTime.format(responder.notBefore)) – \(ISOTime.format(responder.notAfter))) was not valid at \(ISOTime.format(producedAt))")
        }
        guard responder.hasOCSPNoCheck else {
            return .notEntitled("it is a delegated responder without id-pkix-ocsp-nocheck, and its own revocation status is not available")
        }
        guard issuerTrusted else {
            return .notEntitled("the issuing CA \(issuerName) is not trusted at \(ISOTime.format(producedAt))")
        }
        return .entitled("CA-delegated by \(issuerName)")
    }
}
