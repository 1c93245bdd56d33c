import Findings
import PKI

extension RevocationEvidence {
    /// The policy's algorithm table applied to an acceptable OCSP response's or CRL's own
    /// signature (its digest and the signer's key) at its production time, as DSS's cryptographic
    /// constraints for revocation data: OpenSSL's verification says the signature is genuine, not
    /// that its algorithm still counted. Evidence whose algorithm cannot be told or was no longer
    /// acceptable is not acceptable.
    func checkingAlgorithms(_ policy: ValidationPolicy, at validationTime: Int64, label: String) -> RevocationEvidence {
        guard isAcceptable, let der, let responder else { return self }
        let time = producedAt ?? validationTime
        let digest = source == .crl ? CRL.signatureDigest(der: der) : OCSPResponse.signatureDigest(der: der)
        let keyProblem = responder.publicKey.map { policy.keyProblem($0, at: time) } ?? "the signer's public key cannot be read"
        guard let problem = policy.digestProblem(digest, at: time) ?? keyProblem else { return self }
        var refused = self
        refused.responderTrusted = false
        refused.trustedBy = nil
        refused.findings.append(.error("revocation.algorithm-not-acceptable", "the signature of \(noun) is not acceptable: \(problem)", subject: label))
        return refused
    }
}
