import Findings
import PKI
import Trust
import XAdES

/// XCV (§5.2.6): the signer's chain to a trust anchor at the best signature time, its validity,
/// and its revocation status, judged on the one chosen revocation answer (``RevocationChoice``).

struct ChainToTrustAnchor: SignatureConstraint {
    let key = "BBB_XCV_CCCBB"
    let subIndication: SubIndication? = .noCertificateChainFound
    func evaluate(_ context: SignatureContext) -> Check {
        guard let chain = context.signerChain else {
            return .cannotDecide("no signer certificate, so no chain to build", .noSigningCertificateFound)
        }
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
    func evaluate(_ context: SignatureContext) -> Check {
        guard let chain = context.signerChain, let signer = context.core.signer else {
            return .cannotDecide("no signer certificate to check the validity of", .noSigningCertificateFound)
        }
        let time = context.bestSignatureTime
        let when = ISOTime.format(time)
        switch chain.status {
        case .trusted:
            // Checked here, not inferred from the chain status.
            guard signer.notBefore <= time, time <= signer.notAfter else {
                return .fail("the signer certificate (\(ISOTime.format(signer.notBefore)) – \(ISOTime.format(signer.notAfter))) was not valid at \(when)")
            }
            return .pass("the signer certificate was valid at \(when)")
        case .expired:
            // With a proof of existence, signing provably happened after expiry.
            return context.proofOfExistence != nil
                ? .fail("the signer certificate had expired (\(ISOTime.format(signer.notAfter))) when the signature was proven to exist (\(when))", .expired)
                : .fail("the signer certificate has expired (\(ISOTime.format(signer.notAfter))) and nothing proves the signature existed before")
        case .notYetValid:
            return context.proofOfExistence != nil
                ? .fail("the signer certificate was not yet valid at \(when)", .notYetValid)
                : .fail("the signer certificate is not yet valid")
        case .noChain, .serviceNotActive:
            return .cannotDecide("the signer's validity is not judged without a chain to a trust anchor", .noCertificateChainFound)
        case let .failed(reason):
            return .cannotDecide("the signer's validity is not judged on a broken chain: \(reason)", .certificateChainGeneralFailure)
        }
    }
}

struct RevocationDataAvailable: SignatureConstraint {
    let key = "BBB_XCV_IRDPFC"
    let subIndication: SubIndication? = .certificateChainGeneralFailure
    func evaluate(_ context: SignatureContext) -> Check {
        guard let chain = context.signerChain, chain.isTrusted else {
            return .cannotDecide("revocation is not judged without a trusted chain", .noCertificateChainFound)
        }
        // A certificate trusted directly needs no revocation data (DSS does not ask for it either).
        if context.signerIsAnchor { return .pass("the signer certificate is itself a trust anchor") }
        if context.revocationAnswer != nil { return .pass("acceptable revocation data is present") }
        if context.revocation.isEmpty { return .fail("no revocation data (OCSP or CRL) for the signer certificate") }
        let reasons = context.revocation.flatMap(\.findings).filter { $0.level == .error }.map(\.message)
        if context.isTimeMark, !context.acceptableRevocation.isEmpty {
            return .fail("no acceptable OCSP response is bound to this signature by its nonce")
        }
        return .fail("no acceptable revocation data for the signer: " + (reasons.first ?? "responder not trusted"))
    }
}

/// BBB_RFC_IRIF: the chosen answer speaks about the best-signature-time.
struct RevocationFresh: SignatureConstraint {
    let key = "BBB_RFC_IRIF"
    let subIndication: SubIndication? = .tryLater
    func evaluate(_ context: SignatureContext) -> Check {
        context.judgingAnswer { answer in
            let control = context.bestSignatureTime
            guard let thisUpdate = answer.status?.thisUpdate else {
                return .cannotDecide("\(answer.noun) has no readable thisUpdate", .tryLater)
            }
            if let nextUpdate = answer.status?.nextUpdate, nextUpdate < thisUpdate {
                return .fail("\(answer.noun)'s nextUpdate (\(ISOTime.format(nextUpdate))) is before its thisUpdate")
            }
            if thisUpdate > context.validationTime + 300 {
                return .fail("\(answer.noun)'s thisUpdate (\(ISOTime.format(thisUpdate))) is after the validation time")
            }
            return RevocationChoice.isFresh(answer, at: control, maxAge: context.policy.revocationMaxAge)
                ? .pass("\(answer.noun) (thisUpdate \(ISOTime.format(thisUpdate))) is fresh for \(ISOTime.format(control))")
                : .fail("\(answer.noun) (thisUpdate \(ISOTime.format(thisUpdate))) is older than \(context.policy.revocationMaxAge / 3600) h before \(ISOTime.format(control)): it does not tell the status at that time")
        }
    }
}

struct SignerNotRevoked: SignatureConstraint {
    let key = "BBB_XCV_ISCR"
    let subIndication: SubIndication? = .revokedNoPOE
    func evaluate(_ context: SignatureContext) -> Check {
        context.judgingAnswerStatus { status in
            switch status {
            case .good:
                return .pass("the signer certificate is not revoked")
            case .unknown:
                return .cannotDecide("the responder does not know the signer certificate", .tryLater)
            case .unreadable:
                return .cannotDecide("the revocation answer about the signer has a time that cannot be read", .tryLater)
            case let .revoked(time, reason):
                // Revoked after a proof that the signature existed: the signature stands.
                if let poe = context.proofOfExistence, time > poe, !context.isTimeMark {
                    return .pass("revoked on \(ISOTime.format(time)), after the signature was proven to exist")
                }
                return .fail("the signer certificate is revoked since \(ISOTime.format(time)) (reason \(reason))")
            }
        }
    }
}

/// The CAs between the signer and the listed (or anchored) certificate are not revoked.
struct IntermediateCAsNotRevoked: SignatureConstraint {
    let key = "BBB_XCV_SUB_ICNR"
    let subIndication: SubIndication? = .revokedCANoPOE
    func evaluate(_ context: SignatureContext) -> Check {
        guard !context.intermediateRevocation.isEmpty else {
            return .notApplicable("no CA between the signer and the certificate a trusted list or anchor vouches for")
        }
        for item in context.intermediateRevocation {
            let name = item.certificate.subjectAttribute("CN") ?? item.certificate.subject
            guard let status = item.answer?.status?.status else {
                return .cannotDecide("the intermediate CA \(name): \(item.problem ?? "no revocation data")", .tryLater)
            }
            switch status {
            case .good: continue
            case .unknown: return .cannotDecide("the responder does not know the intermediate CA \(name)", .tryLater)
            case .unreadable: return .cannotDecide("the revocation answer about the intermediate CA \(name) cannot be read", .tryLater)
            case let .revoked(time, _):
                if let poe = context.proofOfExistence, time > poe { continue }
                return .fail("the intermediate CA \(name) is revoked since \(ISOTime.format(time))")
            }
        }
        return .pass("every intermediate CA is known not to be revoked")
    }
}

struct RevocationStatusKnown: SignatureConstraint {
    let key = "BBB_XCV_IRDC"
    let subIndication: SubIndication? = .tryLater
    func evaluate(_ context: SignatureContext) -> Check {
        context.judgingAnswerStatus { status in
            switch status {
            case .good, .revoked: .pass("the revocation status is known")
            case .unknown: .fail("the revocation status of the signer certificate is unknown")
            case .unreadable: .fail("the revocation answer about the signer certificate cannot be read")
            }
        }
    }
}

struct NonRepudiationKeyUsage: SignatureConstraint {
    let key = "BBB_XCV_ISCGKU"
    let defaultLevel = ConstraintLevel.warn
    let subIndication: SubIndication? = .chainConstraintsFailure
    func evaluate(_ context: SignatureContext) -> Check {
        guard let signer = context.core.signer else {
            return .cannotDecide("no signer certificate to read the key usage of", .noSigningCertificateFound)
        }
        return signer.hasNonRepudiation ? .pass("the signer's key usage includes nonRepudiation")
            : .fail("the signer certificate's key usage does not include nonRepudiation")
    }
}

extension SignatureContext {
    /// The chosen revocation answer as `judge` sees it, or why the revocation constraints do not
    /// judge one (the signer is an anchor, or there is no answer).
    func judgingAnswer(_ judge: (RevocationEvidence) -> Check) -> Check {
        if signerIsAnchor { return .notApplicable("the signer certificate is itself a trust anchor") }
        guard let answer = revocationAnswer else { return .cannotDecide(Self.noAnswerToJudge, .tryLater) }
        return judge(answer)
    }

    /// The chosen answer's status as `judge` sees it; an answer whose status cannot be read is, for
    /// the status constraints, no answer at all.
    func judgingAnswerStatus(_ judge: (OCSPResponse.CertificateStatus) -> Check) -> Check {
        judgingAnswer { answer in
            guard let status = answer.status?.status else { return .cannotDecide(Self.noAnswerToJudge, .tryLater) }
            return judge(status)
        }
    }

    private static let noAnswerToJudge = "no revocation answer to judge"
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
        RevocationFresh()
        IntermediateCAsNotRevoked()
        NonRepudiationKeyUsage()
    }
}
