import Findings
import PKI
import XAdES

/// The BDOC policy document's digest as the signature states it. libdigidocpp disabled this
/// check (IB-3684) and digidoc4j keeps it at INFORM: a mismatch is reported, never a failure.
struct PolicyHashMatch: SignatureConstraint {
    let key = "BBB_VCI_IPHM"
    let defaultLevel = ConstraintLevel.inform
    let subIndication: SubIndication? = .policyProcessingError

    /// Digests of the BDOC 2.1 policy documents (libdigidocpp `policylist`), base64.
    static let known: [String: [DigestAlgorithm: String]] = [
        "1.3.6.1.4.1.10015.1000.3.2.1": [.sha256: "3Tl1oILSvOAWomdI9VeWV6IA/32eSXRUri9kPEz1IVs=",
                                         .sha1: "gIHiaetEE94gbkCRygQ9WspxUdw="],
        "1.3.6.1.4.1.10015.1000.3.2.3": [.sha256: "ep8Ng0NXo+hG58oWow1XVPcs191tlphvqYFU13tkb6Y="],
    ]

    func evaluate(_ context: SignatureContext) -> Check {
        guard let policy = context.signature.policy, !policy.implied else { return .notApplicable("no explicit signature policy") }
        guard let oid = policy.oid, let table = Self.known[oid] else { return .notApplicable("not a BDOC 2.1 policy with a known document digest") }
        guard let algorithm = policy.digestMethod.flatMap(DigestAlgorithm.init(uri:)), let expected = table[algorithm] else {
            return .cannotDecide("the policy digest algorithm \(policy.digestMethod ?? "(none)") is not one the BDOC policy digest is known in",
                                 .policyProcessingError)
        }
        guard let actual = policy.digestValue else { return .fail("the signature's policy digest is missing or not base64") }
        return Base64.encode(actual) == expected ? .pass("the policy digest matches the BDOC 2.1 policy document")
            : .fail("the signature's policy digest does not match the published BDOC policy document (\(algorithm.rawValue))")
    }
}
