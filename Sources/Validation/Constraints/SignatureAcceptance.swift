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
            guard let expiry = policy.digestExpiry[digest] else {
                return .fail("\(digest.rawValue) is not an acceptable digest algorithm under policy \(policy.name)")
            }
            if let expiry, expiry <= time {
                return .fail("\(digest.rawValue) was no longer acceptable at \(ISOTime.format(time)) (since \(ISOTime.format(expiry)))")
            }
        }
        guard let key = context.core.signer?.publicKey else {
            return .cannotDecide("the signer's key size cannot be judged: no readable signer key", .cryptoConstraintsFailureNoPOE)
        }
        switch key.kind {
        case .rsa, .rsaPSS:
            if key.bits < policy.minRSABits { return .fail("RSA key of \(key.bits) bits is below the policy minimum of \(policy.minRSABits)") }
            if let bucket = policy.rsaExpiry.first(where: { key.bits < $0.belowBits }), bucket.expires <= time {
                return .fail("RSA \(key.bits)-bit keys were no longer acceptable at \(ISOTime.format(time))")
            }
        case .ec:
            if key.bits < policy.minECBits { return .fail("EC key of \(key.bits) bits is below the policy minimum of \(policy.minECBits)") }
        case .other:
            return .fail("the signer's key type (\(key.summary)) is not an acceptable signature key")
        }
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
