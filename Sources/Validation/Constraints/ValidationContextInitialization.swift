import Findings
import XAdES

/// VCI (§5.2.4): the signature policy.

struct BDOCPolicy: SignatureConstraint {
    let key = "BBB_VCI_BDOC_POLICY"
    let defaultLevel = ConstraintLevel.warn
    let subIndication: SubIndication? = .policyProcessingError
    static let accepted: Set<String> = SignaturePolicy.bdoc21OIDs
    func evaluate(_ context: SignatureContext) -> Check {
        guard context.isTimeMark else { return .notApplicable("not a time-mark (LT-TM) signature") }
        guard let policy = context.signature.policy else { return .fail("the time-mark signature names no signature policy") }
        guard let oid = policy.oid, Self.accepted.contains(oid) else {
            return .fail("the time-mark signature's policy \(policy.oid ?? "(none)") is not the BDOC 2.1 policy")
        }
        guard let uri = policy.spuri, !uri.isEmpty else { return .fail("the BDOC policy identifier has no SPURI") }
        return .pass("BDOC 2.1 policy \(oid)")
    }
}

struct ImpliedPolicy: SignatureConstraint {
    let key = "BBB_VCI_IPIMPLIED"
    let defaultLevel = ConstraintLevel.warn
    let subIndication: SubIndication? = .policyProcessingError
    func evaluate(_ context: SignatureContext) -> Check {
        guard let policy = context.signature.policy else { return .notApplicable("the signature names no signature policy") }
        return policy.implied ? .fail("the signature was created with an implied policy; additional conditions may apply")
            : .pass("the signature policy is explicit")
    }
}

enum ValidationContextInitialization {
    static let block = BuildingBlock("VCI") {
        BDOCPolicy()
        ImpliedPolicy()
        PolicyHashMatch()
    }
}
