import Validation

/// What an indication means for someone who is not a PKI expert.
enum PlainWords {
    static func headline(_ indication: Indication) -> String {
        switch indication {
        case .totalPassed: "Valid signature"
        case .totalFailed: "Invalid signature"
        case .indeterminate: "Signature could not be confirmed"
        }
    }

    static func explanation(_ indication: Indication, _ sub: SubIndication?) -> String {
        switch sub {
        case nil:
            return indication == .totalPassed
                ? "The signed files are unchanged, the signature was made with the signer's certificate, and that certificate was valid and trusted when the signature was made."
                : "The signature does not meet the validation policy."
        case .formatFailure?: return "The signature or its container is not built as the standard requires, so it cannot be accepted."
        case .hashFailure?: return "A signed file was changed after it was signed."
        case .sigCryptoFailure?: return "The signature value does not match: the signature was forged, or damaged after signing."
        case .revoked?: return "The signer's certificate had been revoked before the signature was made."
        case .expired?: return "The signer's certificate had expired before the signature was made."
        case .notYetValid?: return "The signature was made before the signer's certificate became valid."
        case .sigConstraintsFailure?: return "Required signature details (such as the signing time) are missing."
        case .chainConstraintsFailure?: return "The signer's certificate is not meant for this kind of signature (for example, it lacks the non-repudiation key usage)."
        case .certificateChainGeneralFailure?: return "The signer's certificate could not be fully checked: revocation information (OCSP or CRL) is missing or unusable."
        case .cryptoConstraintsFailure?, .cryptoConstraintsFailureNoPOE?: return "The signature uses an algorithm or key size that was no longer considered secure at the signing time."
        case .policyProcessingError?, .signaturePolicyNotAvailable?: return "The signature policy the signature refers to could not be processed."
        case .timestampOrderFailure?: return "The time-stamp and revocation data are in an impossible order."
        case .noSigningCertificateFound?: return "The signer's certificate cannot be identified."
        case .noCertificateChainFound?, .noCertificateChainFoundNoPOE?: return "The signer's certificate does not lead to a trusted certification authority in the trusted lists or anchors used."
        case .revokedNoPOE?, .revokedCANoPOE?: return "The signer's certificate is revoked, and nothing proves that the signature was made before that."
        case .outOfBoundsNoPOE?, .outOfBoundsNotRevoked?: return "The signer's certificate has expired, and nothing (no time-stamp) proves the signature was made while it was valid."
        case .noPOE?: return "There is no proof of when the signature existed."
        case .tryLater?: return "The revocation status is not known yet; checking again later may decide it."
        case .signedDataNotFound?: return "A signed file is missing from the container (removed or renamed)."
        }
    }
}
