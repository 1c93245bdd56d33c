import Findings
import XAdES

/// VCI (§5.2.4): the signature policy.

struct BDOCPolicy: SignatureConstraint {
    let key = "BBB_VCI_BDOC_POLICY"
    let defaultLevel = ConstraintLevel.warn
    let subIndication: SubIndication? = .policyProcessingError
    static let accepted: Set<String> = ["1.3.6.1.4.1.10015.1000.3.2.1", "1.3.6.1.4.1.10015.1000.3.2.3"]
    func evaluate(_ context: SignatureContext) -> Check? {
        guard context.isTimeMark, let policy = context.signature.policy else { return nil }
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
    func evaluate(_ context: SignatureContext) -> Check? {
        guard let policy = context.signature.policy, policy.implied else { return nil }
        return .fail("the signature was created with an implied policy; additional conditions may apply")
    }
}

enum ValidationContextInitialization {
    static let block = BuildingBlock("VCI") {
        BDOCPolicy()
        ImpliedPolicy()
        PolicyHashMatch()
    }
}
