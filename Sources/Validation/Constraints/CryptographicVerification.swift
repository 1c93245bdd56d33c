import Findings
import XAdES

/// CV (§5.2.7): signed data present and intact, signature value valid.

struct SignedDataPresent: SignatureConstraint {
    let key = "BBB_CV_ISFD"
    let subIndication: SubIndication? = .signedDataNotFound
    func evaluate(_ context: SignatureContext) -> Check {
        context.hasDataReference ? .pass("the signature references signed data") : .fail("the signature references no signed data")
    }
}

/// BBB_CV_ISI: only a value that verified with the identified signer's key, under an allowlisted
/// method fitting the key, passes. Every other outcome is SIG_CRYPTO_FAILURE; without a signer
/// there is nothing to check it with (INDETERMINATE, never a pass).
struct SignatureValueIntact: SignatureConstraint {
    let key = "BBB_CV_ISI"
    let subIndication: SubIndication? = .sigCryptoFailure
    func evaluate(_ context: SignatureContext) -> Check {
        switch context.core.signatureValue {
        case .valid:
            return .pass("the signature value is valid")
        case .noSigner:
            return .cannotDecide("the signature value cannot be checked: no signer certificate was identified", .noSigningCertificateFound)
        case .invalid, .methodMissing, .methodNotAllowed, .methodDoesNotFitKey, .valueMissing, .valueEmpty, .valueMalformed,
             .keyUnreadable, .canonicalizationFailed:
            return .fail(context.core.signatureValue.reason)
        }
    }
}

struct ReferencedDataFound: SignatureConstraint {
    let key = "BBB_CV_IRDOF"
    let subIndication: SubIndication? = .signedDataNotFound
    func evaluate(_ context: SignatureContext) -> Check {
        let missing = context.core.references.filter { !$0.found }.map(\.uri)
        return .none(of: missing, else: "every referenced object is found", failing: "signed data not found: ", separator: ", ")
    }
}

struct ReferencedDataIntact: SignatureConstraint {
    let key = "BBB_CV_IRDOI"
    let subIndication: SubIndication? = .hashFailure
    func evaluate(_ context: SignatureContext) -> Check {
        let changed = context.core.references.filter { $0.found && !$0.intact }.map { $0.target ?? $0.uri }
        return .none(of: changed, else: "every referenced object is intact", failing: "changed after signing: ", separator: ", ")
    }
}

enum CryptographicVerification {
    /// Changed data outranks a broken signature value (`InvalidLiveSignature`), which outranks
    /// missing data (`signature_does_not_cover_datafile`); no data reference at all comes first
    /// (`dss-signed-altered-refRemoved`).
    static let block = BuildingBlock("CV") {
        SignedDataPresent()
        ReferencedDataIntact()
        SignatureValueIntact()
        ReferencedDataFound()
    }
}
