import Findings
import XAdES

/// ISC (§5.2.3): can the signing certificate be identified, through a signed reference?

/// BBB_ICS_ISASCP: the signed SigningCertificate(V2) attribute is present and names a KeyInfo
/// certificate by its digest. A signer taken from KeyInfo without a signed reference is never a pass.
struct SigningCertificateAttributePresent: SignatureConstraint {
    let key = "BBB_ICS_ISASCP"
    let subIndication: SubIndication? = .noSigningCertificateFound
    func evaluate(_ context: SignatureContext) -> Check {
        switch context.core.signerIdentification {
        case .signedDigest: .pass("the signed SigningCertificate reference names the signer certificate by its digest")
        case .unboundKeyInfo: .fail("the signature has no signed SigningCertificate reference: the signer certificate is not bound to it")
        case .none: .fail("no signer certificate is named by a signed SigningCertificate reference")
        }
    }
}

struct SigningCertificateIdentified: SignatureConstraint {
    let key = "BBB_ICS_ISCI"
    let subIndication: SubIndication? = .noSigningCertificateFound
    func evaluate(_ context: SignatureContext) -> Check {
        guard let signer = context.core.signer else {
            let why = context.core.findings(role: .signerIdentification).first?.message
                ?? "no certificate matches the signed SigningCertificate digest"
            return .fail("the signing certificate cannot be identified: " + why)
        }
        return .pass("signing certificate: \(signer.subject)")
    }
}

struct IssuerSerialMatch: SignatureConstraint {
    let key = "BBB_ICS_AIDNASNE"
    let defaultLevel = ConstraintLevel.warn
    let subIndication: SubIndication? = .noSigningCertificateFound
    func evaluate(_ context: SignatureContext) -> Check {
        guard context.core.signer != nil else { return .notApplicable("no signer certificate identified (BBB_ICS_ISCI)") }
        return .none(of: context.core.findings(role: .issuerSerial), else: "IssuerSerial names the signing certificate")
    }
}

enum SigningCertificateIdentification {
    static let block = BuildingBlock("ISC") {
        SigningCertificateIdentified()
        SigningCertificateAttributePresent()
        IssuerSerialMatch()
    }
}
