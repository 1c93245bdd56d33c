import Findings
import PKI

/// The answer to "was anything changed after signing, and by which key was it signed?" for one
/// signature: no trust material involved.
public struct CoreResult: Sendable {
    public enum Crypto: String, Sendable {
        case ok
        case notFound = "not-found"
        case hashFailure = "hash-failure"
        case sigFailure = "sig-failure"
        /// The signature value could not be checked (no signer certificate, unknown algorithm).
        case undetermined = "?"
    }

    public let signature: XAdESSignature
    public let references: [ReferenceOutcome]
    /// True/false when checked, nil when it could not be (no signer certificate, unsupported method).
    public let signatureIntact: Bool?
    public let signer: Certificate?
    /// Every certificate the signature carries (KeyInfo, CertificateValues).
    public let certificates: [Certificate]
    public let signatureAlgorithm: SignatureAlgorithm?
    public let profile: Profile
    /// Structural findings, then reference, signer and signature-value findings.
    public let findings: [Finding]

    /// Worst first: a missing object, then a changed one, then a bad signature value.
    public var crypto: Crypto {
        if references.contains(where: { !$0.found }) { return .notFound }
        if references.contains(where: { !$0.intact }) { return .hashFailure }
        switch signatureIntact {
        case true?: return .ok
        case false?: return .sigFailure
        case nil: return .undetermined
        }
    }

    /// True when every reference is found and intact and the signature value verifies.
    public var isIntact: Bool { crypto == .ok }
}
