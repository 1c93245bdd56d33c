import PKI
import Trust
import XAdES

/// The positive proof a TOTAL-PASSED needs, checked in one place and independently of the
/// building blocks: each fact is read from the evidence gathered during validation. If the blocks
/// say PASSED but a fact is missing, the judge answers INDETERMINATE and reports an internal error
/// (that must never happen; tests feed it contexts with one fact missing at a time).
public enum PassProof {
    public enum Fact: String, Sendable, CaseIterable {
        /// The SignatureValue verified with the identified signer's key.
        case signatureValueVerified = "signature value verified"
        /// The signature method is on the allowlist and its digests are acceptable to the policy at the best-signature-time.
        case algorithmAccepted = "algorithm accepted by the policy"
        /// The signature method fits the signer's key type.
        case algorithmFitsKey = "algorithm fits the key"
        /// At least one reference to signed data.
        case dataReferencePresent = "signed data referenced"
        /// Every reference found and intact.
        case referencesIntact = "every reference found and intact"
        /// SignedProperties referenced exactly once, intact, and this signature's own.
        case signedPropertiesSigned = "signed properties signed"
        /// The signer certificate identified in KeyInfo by the signed SigningCertificate(V2) digest.
        case signerIdentified = "signer identified by signed digest"
        /// A chain to a trust anchor, with the signer valid, at the best-signature-time.
        case chainTrusted = "chain to a trust anchor"
        /// An acceptable, fresh revocation answer that does not refuse the signer (or none needed).
        case revocationAcceptable = "acceptable revocation"
        /// Every constraint at FAIL level passed (or did not apply).
        case failLevelConstraintsPassed = "every FAIL-level constraint passed"
    }

    /// The facts `context` does not establish, given the block results.
    public static func missing(_ context: SignatureContext, blocks: [BlockResult]) -> [Fact] {
        Fact.allCases.filter { !holds($0, context, blocks) }
    }

    static func holds(_ fact: Fact, _ context: SignatureContext, _ blocks: [BlockResult]) -> Bool {
        let core = context.core
        switch fact {
        case .signatureValueVerified:
            return core.signatureValue == .valid && core.signer != nil
        case .algorithmAccepted:
            guard let algorithm = core.signatureAlgorithm else { return false }
            let digests: [DigestAlgorithm?] = [algorithm.digest] + context.signature.references.map(\.digestAlgorithm)
            // The key size too: a policy that demotes the crypto constraint keeps its own table.
            guard let key = core.signer?.publicKey, context.policy.keyProblem(key, at: context.bestSignatureTime) == nil else { return false }
            return digests.allSatisfy { context.policy.digestProblem($0, at: context.bestSignatureTime) == nil }
        case .algorithmFitsKey:
            guard let algorithm = core.signatureAlgorithm, let key = core.signer?.publicKey else { return false }
            return algorithm.fits(key)
        case .dataReferencePresent:
            return context.hasDataReference
        case .referencesIntact:
            return !core.references.isEmpty && core.references.allSatisfy { $0.found && $0.intact }
        case .signedPropertiesSigned:
            let references = core.references.filter { $0.kind == .signedProperties }
            return references.count == 1 && references[0].found && references[0].intact && context.signature.signedProperties != nil
                && !core.has(.wrappedSignedProperties) && !core.has(.duplicateId)
        case .signerIdentified:
            return core.signer != nil && core.signerIdentification == .signedDigest
        case .chainTrusted:
            guard let chain = context.signerChain, chain.isTrusted, let signer = core.signer else { return false }
            return signer.notBefore <= context.bestSignatureTime && context.bestSignatureTime <= signer.notAfter
        case .revocationAcceptable:
            if context.signerIsAnchor { return true }
            // A policy may waive the need for revocation data, never what the data at hand says: an
            // acceptable answer that the signer or a CA was revoked before the proof of existence
            // refuses the pass whatever the constraint levels.
            if context.policy.level(RevocationDataAvailable().key, default: .fail) == .ignore { return !revokedBeforeProof(context) }
            // Every intermediate CA too: no answer about one is no proof.
            for item in context.intermediateRevocation {
                switch item.answer?.status?.status {
                case .good?: continue
                case let .revoked(time, _)?:
                    guard let poe = context.proofOfExistence, time > poe else { return false }
                case .unknown?, .unreadable?, nil: return false
                }
            }
            guard let answer = context.revocationAnswer, answer.isAcceptable, let status = answer.status?.status else { return false }
            // Fresh for the best-signature-time, unless the policy made that constraint advisory.
            if context.policy.level(RevocationFresh().key, default: .fail) == .fail,
               !RevocationChoice.isFresh(answer, at: context.bestSignatureTime, maxAge: context.policy.revocationMaxAge) {
                return false
            }
            switch status {
            case .good: return true
            case .unknown, .unreadable: return false
            case let .revoked(time, _):
                guard let poe = context.proofOfExistence, !context.isTimeMark else { return false }
                return time > poe
            }
        case .failLevelConstraintsPassed:
            return blocks.allSatisfy { block in
                block.status == .passed
            } && blocks.flatMap(\.constraints).allSatisfy { $0.level != .fail || !$0.isAdverse }
        }
    }

    /// Whether an acceptable answer at hand says the signer or an intermediate CA was revoked at or
    /// before the signature's proof of existence (for a time-mark, the time-mark), or when there is none.
    static func revokedBeforeProof(_ context: SignatureContext) -> Bool {
        func before(_ time: Int64) -> Bool { context.proofOfExistence.map { time <= $0 } ?? true }
        let aboutSigner = context.revocation.filter(\.isAcceptable) + (context.revocationAnswer.map { [$0] } ?? [])
        let answers = aboutSigner + context.intermediateRevocation.compactMap(\.answer).filter(\.isAcceptable)
        return answers.contains { answer in
            guard case let .revoked(time, _)? = answer.status?.status else { return false }
            return before(time)
        }
    }
}
