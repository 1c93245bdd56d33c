import Findings
import PKI
import XAdES

/// Validation with time and long-term material (§5.5): the order of time-stamp and OCSP, and the
/// Estonian time-mark (OCSP nonce bound to the signature, time-mark responder). Every OCSP
/// constraint reads the one chosen answer (``RevocationChoice``).

struct TimestampsValid: SignatureConstraint {
    let key = "LTV_SIGNATURE_TIMESTAMP"
    let defaultLevel = ConstraintLevel.warn
    let subIndication: SubIndication? = .noPOE
    func evaluate(_ context: SignatureContext) -> Check {
        context.judgingTimestamps(.signature) { stamps in
            if stamps.contains(where: \.isValid) { return .pass("a valid signature time-stamp proves the signature's existence") }
            let reason = "no signature time-stamp is valid: " + stamps.firstProblem
            // A token proven not to cover this signature, or forged, is a failure, not a lack of proof.
            if stamps.allSatisfy({ !$0.imprintIntact }) { return .fail(reason, .hashFailure) }
            if stamps.allSatisfy({ $0.signatureIntact == false }) { return .fail(reason, .sigCryptoFailure) }
            return .fail(reason)
        }
    }
}

/// A time-stamp signed by a certificate that is not a time-stamping unit (no id-kp-timeStamping,
/// RFC 3161 §2.3) is not a time-stamp at all but evidence someone made up: whatever the policy
/// says about untrusted TSAs, such a token leaves the signature without a proof of existence.
struct TimestampsBySigningUnits: SignatureConstraint {
    let key = "LTV_TST_SIGNER_TSU"
    let subIndication: SubIndication? = .noPOE
    func evaluate(_ context: SignatureContext) -> Check {
        let signed = context.timestamps.filter { $0.tsa != nil }
        guard !signed.isEmpty else { return .notApplicable("no time-stamp with a signer certificate") }
        let impostors = signed.filter { $0.tsa?.isTimeStampingSigner == false }
        guard impostors.isEmpty else {
            let who = impostors.compactMap { $0.tsa.map { $0.subjectAttribute("CN") ?? $0.subject } }.joined(separator: ", ")
            return .fail("a \(impostors[0].kind.rawValue) time-stamp is signed by \(who), which is not a time-stamping unit (no id-kp-timeStamping)")
        }
        return .pass("every time-stamp is signed by a time-stamping unit")
    }
}

/// `judge` on when the chosen answer was produced and when the signature was time-stamped, if the
/// answer was embedded and the signature has a time-stamp to order it against; else not
/// applicable, saying which of these is missing.
private func orderingEmbeddedAnswer(_ context: SignatureContext, _ judge: (_ produced: Int64, _ genTime: Int64, _ noun: String) -> Check) -> Check {
    guard !context.isTimeMark, let genTime = context.proofOfExistence, let answer = context.revocationAnswer, !answer.fetched,
          let produced = answer.producedAt else { return .notApplicable(notApplicableReason(context)) }
    return judge(produced, genTime, answer.noun)
}

private func notApplicableReason(_ context: SignatureContext) -> String {
    if context.isTimeMark { return "a time-mark signature: its OCSP response is its time" }
    if context.proofOfExistence == nil { return "no signature time-stamp to order the revocation data against" }
    if context.revocationAnswer == nil { return "no acceptable revocation data (BBB_XCV_IRDPFC)" }
    return "the revocation data was fetched at validation time"
}

struct OCSPAfterTimestamp: SignatureConstraint {
    let key = "LTV_OCSP_AFTER_TST"
    let subIndication: SubIndication? = .timestampOrderFailure
    func evaluate(_ context: SignatureContext) -> Check {
        orderingEmbeddedAnswer(context) { produced, genTime, noun in
            produced >= genTime ? .pass("\(noun) was produced after the signature time-stamp")
                : .fail("\(noun) (\(ISOTime.format(produced))) was produced before the signature time-stamp (\(ISOTime.format(genTime)))")
        }
    }
}

/// How long after the time-stamp the chosen, embedded OCSP answer was produced, against one of the
/// policy's two limits: one constraint, two keys, so the wording and the arithmetic are written once.
struct OCSPDelay: SignatureConstraint {
    let key: String
    let defaultLevel = ConstraintLevel.warn
    let subIndication: SubIndication? = nil
    /// The limit in seconds, read from the policy.
    let limit: @Sendable (ValidationPolicy) -> Int64
    /// The unit the report states the delay and the limit in.
    let unit: Int64, unitName: String
    /// Whether a limit of 0 means "no limit" (the failure limit) rather than "no delay at all".
    let zeroMeansNone: Bool

    /// Later than the failure limit (hours; 0 when the policy sets none).
    static let late = OCSPDelay(key: "LTV_OCSP_LATE", limit: { $0.ocspLateFailure }, unit: 3600, unitName: "h", zeroMeansNone: true)
    /// Later than the warning limit (minutes).
    static let lateWarning = OCSPDelay(key: "LTV_OCSP_LATE_WARNING", limit: { $0.ocspLateWarning }, unit: 60, unitName: "min",
                                       zeroMeansNone: false)

    func evaluate(_ context: SignatureContext) -> Check {
        let limit = limit(context.policy)
        if zeroMeansNone, limit <= 0 { return .notApplicable("the policy sets no limit") }
        return orderingEmbeddedAnswer(context) { produced, genTime, noun in
            let delay = produced - genTime
            return delay <= limit ? .pass("\(noun == "the CRL" ? "CRL issued" : "OCSP taken") \(delay) s after the time-stamp")
                : .fail("\(noun) was taken \(delay / unit) \(unitName) after the signature time-stamp (limit \(limit / unit) \(unitName))")
        }
    }
}

/// A time-mark is the OCSP response whose nonce is the digest of this signature value. A
/// signed answer about the signer bound to anything else is evidence of another signature:
/// TOTAL-FAILED (libdigidocpp "OCSP nonce is invalid"); the `ee` policy ranks it above an
/// earlier INDETERMINATE.
struct TimeMarkNonce: SignatureConstraint {
    let key = "LTV_TM_NONCE"
    let subIndication: SubIndication? = nil
    func evaluate(_ context: SignatureContext) -> Check {
        guard context.isTimeMarkBound else { return .notApplicable("not a time-mark (LT-TM) signature, and no time-mark nonce binds it") }
        let aboutSigner = context.revocation.filter { $0.status != nil && $0.responderSigned && (context.isTimeMark || $0.nonceMatches != nil) }
        guard !aboutSigner.isEmpty else { return .cannotDecide("no signed OCSP response about the signer", .tryLater) }
        return aboutSigner.contains { $0.nonceMatches == true } ? .pass("the OCSP nonce binds the time-mark to this signature value")
            : .fail("the OCSP nonce is not the digest of this signature value: the time-mark does not belong to this signature")
    }
}

struct TimeMarkResponder: SignatureConstraint {
    let key = "LTV_TM_RESPONDER"
    let defaultLevel = ConstraintLevel.warn
    let subIndication: SubIndication? = nil
    func evaluate(_ context: SignatureContext) -> Check {
        guard context.isTimeMark else { return .notApplicable("not a time-mark (LT-TM) signature") }
        guard let answer = context.revocationAnswer else { return .cannotDecide("no time-mark bound to this signature", .tryLater) }
        return answer.timeMarkResponder ? .pass("the OCSP responder may issue time-marks")
            : .fail("the OCSP responder does not meet the time-mark requirements (policy 1.3.6.1.4.1.10015.4.1.2)")
    }
}

struct ArchiveTimestampsValid: SignatureConstraint {
    let key = "LTV_ARCHIVE_TIMESTAMP"
    let defaultLevel = ConstraintLevel.warn
    let subIndication: SubIndication? = .noPOE
    func evaluate(_ context: SignatureContext) -> Check {
        context.judgingTimestamps(.archive) { stamps in
            let invalid = stamps.filter { !$0.isValid }
            return invalid.isEmpty ? .pass("every archive time-stamp is valid") : .fail("archive time-stamp not valid: " + invalid.firstProblem)
        }
    }
}

extension SignatureContext {
    /// The time-stamps of `kind` as `judge` sees them; without any, the constraint is not applicable.
    func judgingTimestamps(_ kind: TimestampEvidence.Kind, _ judge: ([TimestampEvidence]) -> Check) -> Check {
        let stamps = timestamps.filter { $0.kind == kind }
        guard !stamps.isEmpty else { return .notApplicable("no \(kind.rawValue) time-stamp") }
        return judge(stamps)
    }
}

extension [TimestampEvidence] {
    /// Why these time-stamps fail, in one wording for both time-stamp constraints: the first error
    /// one of them reports, else "untrusted".
    var firstProblem: String { flatMap(\.findings).first { $0.level == .error }?.message ?? "untrusted" }
}

enum LongTermValidation {
    static let block = BuildingBlock("LTV") {
        TimestampsBySigningUnits()
        TimestampsValid()
        OCSPAfterTimestamp()
        OCSPDelay.late
        OCSPDelay.lateWarning
        TimeMarkNonce()
        TimeMarkResponder()
        ArchiveTimestampsValid()
    }
}

/// Qualification required by the policy (SiVa POLv4: QES for signatures, qualified for seals).
struct QualificationRequired: SignatureConstraint {
    let key = "QUAL_QES_REQUIRED"
    let subIndication: SubIndication? = nil
    func evaluate(_ context: SignatureContext) -> Check {
        let qualification = context.qualification
        if qualification.meetsQESRequirement { return .pass("qualification \(qualification.name)") }
        return .fail(qualification.isApplicable
            ? "the signature is \(qualification.name), but the policy requires a qualified electronic signature or seal"
            : "no trusted list qualifies the signer's certificate, but the policy requires a qualified electronic signature or seal")
    }
}

enum QualificationCheck {
    static let block = BuildingBlock("QUAL") {
        QualificationRequired()
    }
}
