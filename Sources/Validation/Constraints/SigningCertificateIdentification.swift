import Findings
import XAdES

/// ISC (§5.2.3): can the signing certificate be identified, through a signed reference?

struct SigningCertificateIdentified: SignatureConstraint {
    let key = "BBB_ICS_ISCI"
    let subIndication: SubIndication? = .noSigningCertificateFound
    func evaluate(_ context: SignatureContext) -> Check? {
        guard let signer = context.core.signer else {
            return .fail("the signing certificate cannot be identified: no certificate matches the signed SigningCertificate digest")
        }
        return .pass("signing certificate: \(signer.subject)")
    }
}

struct IssuerSerialMatch: SignatureConstraint {
    let key = "BBB_ICS_AIDNASNE"
    let defaultLevel = ConstraintLevel.warn
    let subIndication: SubIndication? = .noSigningCertificateFound
    static let keys: Set<String> = ["xades.signing-certificate.serial-mismatch", "xades.signing-certificate.issuer-mismatch",
                                    "xades.signing-certificate.issuer-serial-v2"]
    func evaluate(_ context: SignatureContext) -> Check? {
        guard context.core.signer != nil else { return nil }
        let problems = context.core.findings.filter { Self.keys.contains($0.key) }
        return problems.isEmpty ? .pass("IssuerSerial names the signing certificate") : .fail(problems.map(\.message).joined(separator: "; "))
    }
}

enum SigningCertificateIdentification {
    static let block = BuildingBlock("ISC") {
        SigningCertificateIdentified()
        IssuerSerialMatch()
    }
}
