import Findings
import PKI
import Trust
import XAdES

/// XCV (§5.2.6): the signer's chain to a trust anchor at the best signature time, its validity,
/// its revocation status and its key usage.

struct ChainToTrustAnchor: SignatureConstraint {
    let key = "BBB_XCV_CCCBB"
    let subIndication: SubIndication? = .noCertificateChainFound
    func evaluate(_ context: SignatureContext) -> Check? {
        guard let chain = context.signerChain else { return nil }
        switch chain.status {
        case .trusted, .expired, .notYetValid:
            return .pass("the signer chains to \(chain.chain.compactMap(\.trustedBy).first ?? "a trust anchor")")
        case .noChain:
            return .fail("no chain to a trust anchor for the signer (\(context.core.signer?.issuer ?? "unknown issuer") is in no trusted list or anchor file)")
        case let .serviceNotActive(reason):
            return .fail("the signer's trust anchor was not active: \(reason)")
        case let .failed(reason):
            return .fail("the signer's chain is not valid: \(reason)", .certificateChainGeneralFailure)
        }
    }
}

struct SignerValidAtSigningTime: SignatureConstraint {
    let key = "BBB_XCV_ICTIVRSC"
    let subIndication: SubIndication? = .outOfBoundsNoPOE
    func evaluate(_ context: SignatureContext) -> Check? {
        guard let chain = context.signerChain, let signer = context.core.signer else { return nil }
        let when = ISOTime.format(context.bestSignatureTime)
        switch chain.status {
        case .expired:
            // With a proof of existence, signing provably happened after expiry.
            return context.proofOfExistence != nil
                ? .fail("the signer certificate had expired (\(ISOTime.format(signer.notAfter))) when the signature was proven to exist (\(when))", .expired)
                : .fail("the signer certificate has expired (\(ISOTime.format(signer.notAfter))) and nothing proves the signature existed before")
        case .notYetValid:
            return context.proofOfExistence != nil
                ? .fail("the signer certificate was not yet valid at \(when)", .notYetValid)
                : .fail("the signer certificate is not yet valid")
        default:
            return .pass("the signer certificate was valid at \(when)")
        }
    }
}

struct RevocationDataAvailable: SignatureConstraint {
    let key = "BBB_XCV_IRDPFC"
    let subIndication: SubIndication? = .certificateChainGeneralFailure
    func evaluate(_ context: SignatureContext) -> Check? {
        guard let chain = context.signerChain, chain.isTrusted else { return nil }
        // A certificate trusted directly needs no revocation data (DSS does not ask for it either).
        if chain.chain.count == 1, chain.chain.first?.trustedBy != nil {
            return .pass("the signer certificate is itself a trust anchor")
        }
        if !context.acceptableRevocation.isEmpty { return .pass("acceptable revocation data is present") }
        if context.revocation.isEmpty { return .fail("no revocation data (OCSP) for the signer certificate") }
        let reasons = context.revocation.flatMap(\.findings).filter { $0.level == .error }.map(\.message)
        return .fail("no acceptable revocation data for the signer: " + (reasons.first ?? "responder not trusted"))
    }
}

struct SignerNotRevoked: SignatureConstraint {
    let key = "BBB_XCV_ISCR"
    let subIndication: SubIndication? = .revokedNoPOE
    func evaluate(_ context: SignatureContext) -> Check? {
        for evidence in context.acceptableRevocation {
            if case let .revoked(time, reason)? = evidence.status?.status {
                // Revoked after a proof that the signature existed: the signature stands.
                if let poe = context.proofOfExistence, time > poe, !context.isTimeMark {
                    return .pass("revoked on \(ISOTime.format(time)), after the signature was proven to exist")
                }
                return .fail("the signer certificate is revoked since \(ISOTime.format(time)) (reason \(reason))")
            }
        }
        return context.acceptableRevocation.isEmpty ? nil : .pass("the signer certificate is not revoked")
    }
}

struct RevocationStatusKnown: SignatureConstraint {
    let key = "BBB_XCV_IRDC"
    let subIndication: SubIndication? = .tryLater
    func evaluate(_ context: SignatureContext) -> Check? {
        guard !context.acceptableRevocation.isEmpty else { return nil }
        let known = context.acceptableRevocation.contains { $0.status?.status != .unknown }
        return known ? .pass("the revocation status is known") : .fail("the revocation status of the signer certificate is unknown")
    }
}

struct NonRepudiationKeyUsage: SignatureConstraint {
    let key = "BBB_XCV_ISCGKU"
    let defaultLevel = ConstraintLevel.warn
    let subIndication: SubIndication? = .chainConstraintsFailure
    func evaluate(_ context: SignatureContext) -> Check? {
        guard let signer = context.core.signer else { return nil }
        return signer.hasNonRepudiation ? .pass("the signer's key usage includes nonRepudiation")
            : .fail("the signer certificate's key usage does not include nonRepudiation")
    }
}

enum CertificateValidation {
    /// CHAIN_CONSTRAINTS_FAILURE is reported before the cryptographic verification (DSS precedence).
    static let constraintsBlock = BuildingBlock("XCV") {
        NonRepudiationKeyUsage()
    }

    static let block = BuildingBlock("XCV") {
        ChainToTrustAnchor()
        SignerValidAtSigningTime()
        RevocationDataAvailable()
        SignerNotRevoked()
        RevocationStatusKnown()
        NonRepudiationKeyUsage()
    }
}
