import Findings
import PKI
import XAdES

/// SAV (§5.2.8): signed attributes and cryptographic constraints (the policy's sunset table).

struct SigningTimePresent: SignatureConstraint {
    let key = "BBB_SAV_ISQPSTP"
    let subIndication: SubIndication? = .sigConstraintsFailure
    func evaluate(_ context: SignatureContext) -> Check {
        guard context.signature.signedProperties != nil else { return .fail("the signature has no SignedProperties, so no signed SigningTime") }
        return context.signature.signingTime != nil ? .pass("the claimed signing time is present") : .fail("the signature has no SigningTime")
    }
}

/// Exactly one SignedInfo reference to SignedProperties (digidoc4j: "SignedProperties Reference
/// element is missing" / "Multiple signed properties"); without it the signed attributes are unsigned.
struct SignedPropertiesReferenced: SignatureConstraint {
    let key = "BBB_SAV_SPR"
    let subIndication: SubIndication? = nil
    func evaluate(_ context: SignatureContext) -> Check {
        let count = context.core.references.filter { $0.kind == .signedProperties }.count
        return count == 1 ? .pass("SignedProperties is signed")
            : .fail(count == 0 ? "SignedInfo does not reference SignedProperties: the signed attributes are not signed"
                               : "SignedInfo references SignedProperties \(count) times")
    }
}

struct AcceptableAlgorithms: SignatureConstraint {
    let key = "BBB_SAV_ASCCM"
    let subIndication: SubIndication? = .cryptoConstraintsFailureNoPOE
    func evaluate(_ context: SignatureContext) -> Check {
        let policy = context.policy
        let time = context.bestSignatureTime
        // An algorithm that could not be identified is never acceptable (CV reports it first).
        if let unknown = context.signature.references.first(where: { $0.digestAlgorithm == nil }) {
            return .fail("reference \"\(unknown.uri ?? "")\" uses the unknown digest algorithm \(unknown.digestMethod ?? "(none)")")
        }
        guard let algorithm = context.core.signatureAlgorithm else {
            return .fail("the signature method \(context.signature.signatureMethod ?? "(none)") is not an acceptable algorithm")
        }
        let digests = context.signature.references.compactMap(\.digestAlgorithm) + [algorithm.digest]
        for digest in Set(digests).sorted(by: { $0.rawValue < $1.rawValue }) {
            if let problem = policy.digestProblem(digest, at: time) { return .fail(problem) }
        }
        guard let key = context.core.signer?.publicKey else {
            return .cannotDecide("the signer's key size cannot be judged: no readable signer key", .cryptoConstraintsFailureNoPOE)
        }
        if let problem = policy.keyProblem(key, at: time) { return .fail(problem) }
        return .pass("algorithms and key size acceptable at \(ISOTime.format(time))")
    }
}

struct WeakDigest: SignatureConstraint {
    let key = "BBB_SAV_WEAK_DIGEST"
    let defaultLevel = ConstraintLevel.warn
    let subIndication: SubIndication? = .cryptoConstraintsFailure
    func evaluate(_ context: SignatureContext) -> Check {
        let weak = context.signature.references.contains { $0.digestAlgorithm == .sha1 } || context.core.signatureAlgorithm?.isWeak == true
        return weak ? .fail("the signature uses SHA-1, a weak digest") : .pass("no SHA-1 in the signature")
    }
}

enum SignatureAcceptance {
    /// Unsigned signed attributes are judged right after CV, before trust (REF-03 fails whatever the chain).
    static let structureBlock = BuildingBlock("SAV") {
        SignedPropertiesReferenced()
    }

    static let block = BuildingBlock("SAV") {
        SigningTimePresent()
        AcceptableAlgorithms()
        WeakDigest()
    }
}
