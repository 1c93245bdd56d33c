import ASiC
import Findings
import Foundation
@testable import PKI
import TestSupport
import Testing
@testable import Trust
@testable import Validation
@testable import XAdES

/// The judge called directly with synthetic evidence: a genuine TOTAL-PASSED context from our own
/// vectors, with one fact changed per row. Every row must lose the pass, most with a known
/// indication; and the positive-proof gate must catch a missing fact even when a policy has
/// silenced the constraint that would have reported it.
@Suite("Judge with synthetic evidence")
struct JudgeTests {
    static func base(_ file: String = "containers/lt-p256.asice", policy: ValidationPolicy = .dssDefault) throws -> SignatureContext {
        let store = try OwnVectorTests.store()
        let result = Validator(policy: policy, store: store).validate(path: OwnVectors.root + "/" + file)
        let signature = try #require(result.signatures.first)
        #expect(signature.indication == .totalPassed, "\(file): \(signature.decision?.constraint.message ?? "")")
        return signature.context
    }

    static func core(_ core: CoreResult, value: SignatureValueOutcome? = nil, references: [ReferenceOutcome]? = nil,
                     signer: Certificate?? = nil, identification: SignerIdentification? = nil,
                     algorithm: SignatureAlgorithm?? = nil, findings: [Finding]? = nil) -> CoreResult {
        CoreResult(signature: core.signature, references: references ?? core.references, signatureValue: value ?? core.signatureValue,
                   signer: signer ?? core.signer, signerIdentification: identification ?? core.signerIdentification,
                   certificates: core.certificates, signatureAlgorithm: algorithm ?? core.signatureAlgorithm, profile: core.profile,
                   findings: findings ?? core.findings)
    }

    static func reference(_ outcome: ReferenceOutcome, found: Bool? = nil, intact: Bool? = nil,
                          kind: ReferenceOutcome.Kind? = nil) -> ReferenceOutcome {
        ReferenceOutcome(uri: outcome.uri, id: outcome.id, kind: kind ?? outcome.kind, digestAlgorithm: outcome.digestAlgorithm,
                         target: outcome.target, found: found ?? outcome.found, intact: intact ?? outcome.intact, findings: outcome.findings)
    }

    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let change: @Sendable (inout SignatureContext) -> Void
        /// nil: any non-passing indication.
        let indication: Indication?
        let sub: SubIndication?
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "signature value invalid", change: { $0.core = core($0.core, value: .invalid("bad")) }, indication: .totalFailed, sub: .sigCryptoFailure),
        Row(name: "signature method unknown", change: { $0.core = core($0.core, value: .methodNotAllowed("urn:x"), algorithm: .some(nil)) },
            indication: .totalFailed, sub: .sigCryptoFailure),
        Row(name: "signature method missing", change: { $0.core = core($0.core, value: .methodMissing, algorithm: .some(nil)) },
            indication: .totalFailed, sub: .sigCryptoFailure),
        Row(name: "method does not fit the key", change: { $0.core = core($0.core, value: .methodDoesNotFitKey("RSA on EC")) },
            indication: .totalFailed, sub: .sigCryptoFailure),
        Row(name: "signature value empty", change: { $0.core = core($0.core, value: .valueEmpty) }, indication: .totalFailed, sub: .sigCryptoFailure),
        Row(name: "signature value missing", change: { $0.core = core($0.core, value: .valueMissing) }, indication: .totalFailed, sub: .sigCryptoFailure),
        Row(name: "signer key unreadable", change: { $0.core = core($0.core, value: .keyUnreadable) }, indication: .totalFailed, sub: .sigCryptoFailure),
        Row(name: "SignedInfo not canonicalizable", change: { $0.core = core($0.core, value: .canonicalizationFailed("x")) },
            indication: .totalFailed, sub: .sigCryptoFailure),
        Row(name: "no signer", change: { $0.core = core($0.core, value: .noSigner, signer: .some(nil), identification: SignerIdentification.none); $0.signerChain = nil },
            indication: .indeterminate, sub: .noSigningCertificateFound),
        Row(name: "signer from KeyInfo without signed reference", change: { $0.core = core($0.core, identification: .unboundKeyInfo) },
            indication: .indeterminate, sub: .noSigningCertificateFound),
        Row(name: "data file changed", change: { ctx in
            ctx.core = core(ctx.core, references: ctx.core.references.map { $0.kind == .dataObject ? reference($0, intact: false) : $0 })
        }, indication: .totalFailed, sub: .hashFailure),
        Row(name: "data file missing", change: { ctx in
            ctx.core = core(ctx.core, references: ctx.core.references.map { $0.kind == .dataObject ? reference($0, found: false, intact: false) : $0 })
        }, indication: .indeterminate, sub: .signedDataNotFound),
        Row(name: "no data reference", change: { ctx in
            ctx.core = core(ctx.core, references: ctx.core.references.filter { $0.kind != .dataObject })
        }, indication: .totalFailed, sub: .formatFailure),
        Row(name: "SignedProperties not referenced", change: { ctx in
            ctx.core = core(ctx.core, references: ctx.core.references.filter { $0.kind != .signedProperties })
        }, indication: .totalFailed, sub: nil),
        Row(name: "SignedProperties changed", change: { ctx in
            ctx.core = core(ctx.core, references: ctx.core.references.map { $0.kind == .signedProperties ? reference($0, intact: false) : $0 })
        }, indication: .totalFailed, sub: .hashFailure),
        Row(name: "wrapped structure", change: { ctx in
            ctx.core = core(ctx.core, findings: ctx.core.findings + [.defect(SignatureDefect.duplicateId, .error, "wrapped", subject: nil)])
        }, indication: .totalFailed, sub: .formatFailure),
        Row(name: "no chain", change: { ctx in
            ctx.signerChain = ChainValidation(status: .noChain, chain: [], service: nil, serviceState: nil, anchor: nil, findings: [])
        }, indication: .indeterminate, sub: .noCertificateChainFound),
        Row(name: "no revocation", change: { $0.revocation = []; $0.revocationAnswer = nil }, indication: .indeterminate, sub: nil),
        Row(name: "revoked before the time-stamp", change: { ctx in
            guard let answer = ctx.revocationAnswer, let status = answer.status else { return }
            ctx.revocationAnswer = answer.with(status: .init(status: .revoked(time: 0, reason: 1), thisUpdate: status.thisUpdate, nextUpdate: nil))
        }, indication: .indeterminate, sub: .revokedNoPOE),
        Row(name: "status unknown", change: { ctx in
            guard let answer = ctx.revocationAnswer, let status = answer.status else { return }
            ctx.revocationAnswer = answer.with(status: .init(status: .unknown, thisUpdate: status.thisUpdate, nextUpdate: nil))
        }, indication: .indeterminate, sub: .tryLater),
        Row(name: "revocation answer with an unreadable time", change: { ctx in
            guard let answer = ctx.revocationAnswer else { return }
            ctx.revocationAnswer = answer.with(status: .init(status: .unreadable, thisUpdate: nil, nextUpdate: nil))
        }, indication: .indeterminate, sub: .tryLater),
        Row(name: "stale revocation", change: { ctx in
            guard let answer = ctx.revocationAnswer else { return }
            ctx.revocationAnswer = answer.with(status: .init(status: .good, thisUpdate: 1_000_000_000, nextUpdate: nil))
        }, indication: .indeterminate, sub: .tryLater),
        Row(name: "no proof of existence, signer expired now", change: { ctx in
            ctx.proofOfExistence = nil
            ctx.validationTime = 4_102_444_800 // 2100: after the test PKI's certificates expire
        }, indication: nil, sub: nil),
        Row(name: "digest algorithm forbidden by the policy", change: { $0.policy.digestExpiry = [:] },
            indication: .indeterminate, sub: .cryptoConstraintsFailureNoPOE),
    ]

    @Test(arguments: rows)
    func oneFactChangedLosesThePass(_ row: Row) throws {
        var context = try Self.base()
        row.change(&context)
        let judged = Validator.judge(context)
        #expect(judged.indication != .totalPassed, "\(row.name) passed")
        if let indication = row.indication { #expect(judged.indication == indication, "\(row.name): \(judged.indication)") }
        if let sub = row.sub { #expect(judged.subIndication == sub, "\(row.name): \(String(describing: judged.subIndication))") }
        #expect(judged.decision != nil, "\(row.name): no decisive constraint named")
        #expect(ContainerJudge.judge(document: nil, error: nil, signatures: [judged], tokens: []).verdict != .passed)
    }

    @Test func theBaseContextPassesWithTheWholeProof() throws {
        let context = try Self.base()
        let judged = Validator.judge(context)
        #expect(judged.indication == .totalPassed)
        #expect(judged.decision == nil)
        #expect(PassProof.missing(context, blocks: judged.blocks) == [])
    }

    /// The gate on its own: each fact removed from a passing context is reported missing.
    @Test func theGateNamesEachMissingFact() throws {
        let base = try Self.base()
        let blocks = Validator.judge(base).blocks
        var cases: [(PassProof.Fact, SignatureContext)] = []
        var context = base
        context.core = Self.core(base.core, value: .invalid("x"))
        cases.append((.signatureValueVerified, context))
        context = base
        context.core = Self.core(base.core, algorithm: .some(nil))
        cases.append((.algorithmAccepted, context))
        context = base
        context.core = Self.core(base.core, algorithm: .some(SignatureAlgorithm(scheme: .rsaPKCS1, digest: .sha256, uri: "rsa-sha256")))
        cases.append((.algorithmFitsKey, context))
        context = base
        context.core = Self.core(base.core, references: base.core.references.filter { $0.kind != .dataObject })
        cases.append((.dataReferencePresent, context))
        context = base
        context.core = Self.core(base.core, references: base.core.references.map { Self.reference($0, intact: false) })
        cases.append((.referencesIntact, context))
        context = base
        context.core = Self.core(base.core, references: base.core.references.filter { $0.kind != .signedProperties })
        cases.append((.signedPropertiesSigned, context))
        context = base
        context.core = Self.core(base.core, identification: .unboundKeyInfo)
        cases.append((.signerIdentified, context))
        context = base
        context.signerChain = ChainValidation(status: .noChain, chain: [], service: nil, serviceState: nil, anchor: nil, findings: [])
        cases.append((.chainTrusted, context))
        context = base
        context.revocationAnswer = nil
        cases.append((.revocationAcceptable, context))
        for (fact, context) in cases {
            #expect(PassProof.missing(context, blocks: blocks).contains(fact), "\(fact.rawValue) not reported missing")
        }
        let failedBlock = BlockResult(name: "CV", status: .failed, indication: .totalFailed, subIndication: .hashFailure,
                                      constraints: [], decisive: nil, outranksIndeterminate: false)
        #expect(PassProof.missing(base, blocks: blocks + [failedBlock]).contains(.failLevelConstraintsPassed))
        #expect(Set(cases.map(\.0)).union([.failLevelConstraintsPassed]) == Set(PassProof.Fact.allCases))
    }

    /// A policy that silences the chain and revocation constraints cannot turn an untrusted,
    /// unrevoked-unknown signer into TOTAL-PASSED: the gate answers INDETERMINATE with an internal error.
    @Test func theGateHoldsWhenAPolicySilencesConstraints() throws {
        var context = try Self.base()
        for key in ["BBB_XCV_CCCBB", "BBB_XCV_ICTIVRSC", "BBB_XCV_IRDPFC", "BBB_XCV_ISCR", "BBB_XCV_IRDC", "BBB_RFC_IRIF"] {
            context.policy.levels[key] = .ignore
        }
        context.signerChain = ChainValidation(status: .noChain, chain: [], service: nil, serviceState: nil, anchor: nil, findings: [])
        let judged = Validator.judge(context)
        #expect(judged.indication == .indeterminate)
        #expect(judged.decision?.block == "PROOF")
        #expect(judged.findings.contains { $0.key == "internal.pass-proof-incomplete" })
    }

    /// Waiving the need for revocation data (BBB_XCV_IRDPFC at IGNORE) and demoting the revoked-signer
    /// constraint does not let an acceptable answer that says "revoked" pass: the gate refuses it.
    /// Waiving it with no answer at hand, or with a good one, still passes.
    @Test func aWaivedRevocationConstraintDoesNotWaiveARevokedAnswer() throws {
        var context = try Self.base()
        context.policy.levels["BBB_XCV_IRDPFC"] = .ignore
        context.policy.levels["BBB_XCV_ISCR"] = .warn
        let good = try #require(context.revocationAnswer)
        let status = try #require(good.status)
        #expect(Validator.judge(context).indication == .totalPassed)
        let revoked = good.with(status: .init(status: .revoked(time: 0, reason: 1), thisUpdate: status.thisUpdate, nextUpdate: nil))
        context.revocationAnswer = revoked
        context.revocation = [revoked]
        let judged = Validator.judge(context)
        #expect(judged.indication != .totalPassed, "a revoked signer passed")
        #expect(PassProof.missing(context, blocks: judged.blocks).contains(.revocationAcceptable))
        // Revoked after the proof of existence: the signature stands, as without the waiver.
        let poe = try #require(context.proofOfExistence)
        let later = good.with(status: .init(status: .revoked(time: poe + 1, reason: 1), thisUpdate: status.thisUpdate, nextUpdate: nil))
        context.revocationAnswer = later
        context.revocation = [later]
        #expect(!PassProof.missing(context, blocks: judged.blocks).contains(.revocationAcceptable))
        // No answer at all: the waiver holds.
        context.revocationAnswer = nil
        context.revocation = []
        #expect(!PassProof.missing(context, blocks: judged.blocks).contains(.revocationAcceptable))
    }

    /// A policy that demotes the crypto constraint (BBB_SAV_ASCCM) keeps its own key-size table:
    /// a key the table refuses is no proof.
    @Test func aDemotedCryptoConstraintKeepsTheKeySizeTable() throws {
        var context = try Self.base()
        context.policy.levels["BBB_SAV_ASCCM"] = .warn
        #expect(Validator.judge(context).indication == .totalPassed)
        context.policy.minECBits = 384 // the signer's key is P-256
        let judged = Validator.judge(context)
        #expect(judged.indication != .totalPassed, "a key the policy refuses passed")
        #expect(PassProof.missing(context, blocks: judged.blocks).contains(.algorithmAccepted))
    }

    /// Under `ee`, a time-mark bound to another signature is TOTAL-FAILED even when the chain is
    /// only INDETERMINATE.
    @Test func aForeignTimeMarkOutranksAnIndeterminateChain() throws {
        var context = try Self.base("containers/lt-tm.bdoc", policy: .ee)
        context.revocation = context.revocation.map { $0.with(nonceMatches: false) }
        context.revocationAnswer = nil
        context.signerChain = ChainValidation(status: .noChain, chain: [], service: nil, serviceState: nil, anchor: nil, findings: [])
        let judged = Validator.judge(context)
        #expect(judged.indication == .totalFailed)
        #expect(judged.decision?.constraint.key == "LTV_TM_NONCE")
    }

    /// Protected constraints cannot be lowered, neither by a policy file nor by a built policy.
    @Test func protectedConstraintsStayAtFail() throws {
        for key in ValidationPolicy.protectedKeys {
            #expect(throws: InputError.self) { try PolicyFile.parse("asic-policy 1\nlevel \(key) WARN\n", source: "p") }
            var policy = ValidationPolicy.dssDefault
            policy.levels[key] = .ignore
            #expect(policy.level(key, default: .warn) == .fail)
        }
        var context = try Self.base()
        context.policy.levels["BBB_CV_ISI"] = .ignore
        context.core = Self.core(context.core, value: .invalid("x"))
        #expect(Validator.judge(context).subIndication == .sigCryptoFailure)
    }
}

extension RevocationEvidence {
    func with(status: OCSPResponse.SingleResult? = nil, nonceMatches: Bool? = nil, producedAt: Int64? = nil) -> RevocationEvidence {
        RevocationEvidence(producedAt: producedAt ?? self.producedAt, status: status ?? self.status, responder: responder, responderSigned: responderSigned,
                           responderTrusted: responderTrusted, trustedBy: trustedBy, nonceMatches: nonceMatches ?? self.nonceMatches,
                           timeMarkResponder: timeMarkResponder, fetched: fetched, findings: findings)
    }
}
