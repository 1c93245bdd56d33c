import Findings
import PKI

/// The answer to "was anything changed after signing, and by which key was it signed?" for one
/// signature: no trust material involved.
public struct CoreResult: Sendable {
    public typealias Crypto = IntegrityOutcome

    public let signature: XAdESSignature
    public let references: [ReferenceOutcome]
    /// The typed outcome of the SignatureValue check; only `.valid` proves the signature.
    public let signatureValue: SignatureValueOutcome
    public let signer: Certificate?
    /// How `signer` was identified.
    public let signerIdentification: SignerIdentification
    /// Every certificate the signature carries (KeyInfo, CertificateValues).
    public let certificates: [Certificate]
    /// The algorithm SignatureMethod names when it is on the allowlist.
    public let signatureAlgorithm: SignatureAlgorithm?
    public let profile: Profile
    /// Structural findings, then reference, signer and signature-value findings.
    public let findings: [Finding]

    /// True/false when checked (or proven unusable), nil only when no signer was identified.
    public var signatureIntact: Bool? { signatureValue.intact }

    /// The typed defects behind the findings (each defect is reported only through its case).
    public var defects: [SignatureDefect] { findings.compactMap { SignatureDefect(rawValue: $0.key) } }

    public func has(_ defect: SignatureDefect) -> Bool { findings.contains { $0.key == defect.key } }

    /// Findings of the defects with `role`.
    public func findings(role: SignatureDefect.Role) -> [Finding] {
        findings.of(SignatureDefect.self, role: role)
    }

    /// Worst first: a missing object, then a changed one, then a bad signature value.
    public var crypto: IntegrityOutcome {
        .of(found: references.allSatisfy(\.found), intact: references.allSatisfy(\.intact), signature: signatureIntact)
    }

    /// True when every reference is found and intact and the signature value verifies.
    public var isIntact: Bool { crypto == .ok && !references.isEmpty }
}
