import Findings
import PKI
import XAdES

/// The BDOC policy document's digest as the signature states it. libdigidocpp disabled this
/// check (IB-3684) and digidoc4j keeps it at INFORM: a mismatch is reported, never a failure.
struct PolicyHashMatch: SignatureConstraint {
    let key = "BBB_VCI_IPHM"
    let defaultLevel = ConstraintLevel.inform
    let subIndication: SubIndication? = .policyProcessingError

    static let known = BDOCPolicies.documentDigests

    func evaluate(_ context: SignatureContext) -> Check {
        guard let policy = context.signature.policy, !policy.implied else { return .notApplicable("no explicit signature policy") }
        guard let oid = policy.oid, let table = Self.known[oid] else { return .notApplicable("not a BDOC 2.1 policy with a known document digest") }
        guard let algorithm = policy.digestAlgorithm, let expected = table[algorithm] else {
            return .cannotDecide("the policy digest algorithm \(policy.digestMethod ?? "(none)") is not one the BDOC policy digest is known in",
                                 .policyProcessingError)
        }
        guard let actual = policy.digestValue else { return .fail("the signature's policy digest is missing or not base64") }
        return Base64.encode(actual) == expected ? .pass("the policy digest matches the BDOC 2.1 policy document")
            : .fail("the signature's policy digest does not match the published BDOC policy document (\(algorithm.rawValue))")
    }
}
