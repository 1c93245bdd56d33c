import ASiC
import DDOC
import Findings
import PKI
import ServiceClients
import Trust
import XAdES
#if canImport(Glibc)
import Glibc
#endif

/// The EN 319 102-1 validation of every signature of an input, as DSS runs it: basic validation
/// (FC, ISC, VCI, XCV, CV, SAV), time-stamp validation, validation with long-term data (the
/// best-signature-time from the earliest valid time-stamp or a time-mark), then the policy's
/// qualification requirement. Each block is a list of constraints; the first failure in DSS's
/// order of precedence gives the indication.
public struct Validator: Sendable {
    public let policy: ValidationPolicy
    public let store: TrustStore
    /// `--at`; nil validates as of now.
    public let time: Int64?
    /// Fetches OCSP for signatures without usable revocation data; nil when offline.
    public let fetcher: OCSPFetcher?
    /// CRLs from distribution points when OCSP gave no usable answer (cached; offline: cache only).
    public let crlSource: CRLSource?
    public let limits: ZipLimits
    /// Validates a DDOC wrapped in a time-stamped ASiC-S (its own trust: SK certificates).
    public let ddoc: DDOCValidator

    /// Seconds a revocation answer fetched during validation may be "produced after" the moment
    /// validation started.
    static let fetchGrace: Int64 = 300

    public init(policy: ValidationPolicy, store: TrustStore, time: Int64? = nil, fetcher: OCSPFetcher? = nil,
                crlSource: CRLSource? = nil, limits: ZipLimits = .default, ddoc: DDOCValidator = DDOCValidator()) {
        self.policy = policy
        self.store = store
        self.time = time
        self.fetcher = fetcher
        self.crlSource = crlSource
        self.limits = limits
        self.ddoc = ddoc
    }

    /// Validates `path`; the report names it `name` (the path as the user gave it, `-` for stdin).
    public func validate(path: String, detached: [String] = [], hashcodes: [HashcodeFile] = [], name: String? = nil) -> ContainerValidation {
        let file = name ?? path
        let now = time ?? Int64(Glibc.time(nil))
        let document: SignedDocument
        do {
            document = try SignedDocument.open(path: path, limits: limits, detached: detached, hashcodes: hashcodes)
        } catch let error as InputError {
            return ContainerValidation(file: file, document: nil, error: error, policy: policy, validationTime: now, signatures: [], tokens: [])
        } catch {
            return ContainerValidation(file: file, document: nil, error: InputError(key: "input.unreadable", message: "\(error)"),
                                       policy: policy, validationTime: now, signatures: [], tokens: [])
        }
        let signatures = document.verifyCore().map { validate($0, document: document, now: now) }
        let tokens = document.container.verifyTimestampTokens().map { validate(token: $0, now: now) }
        return ContainerValidation(file: file, document: document, error: nil, policy: policy, validationTime: now,
                                   signatures: signatures, tokens: tokens,
                                   wrappedDDOC: WrappedDDOC.of(document.container, tokens: tokens, validator: ddoc))
    }

    /// Gathers the evidence of one signature (time-stamps, revocation, the chosen revocation
    /// answer, chain, qualification), then judges it.
    func validate(_ core: CoreResult, document: SignedDocument, now: Int64) -> SignatureValidation {
        let signature = core.signature
        let label = signature.label
        let timeMark = core.profile == .ltTM
        let tokens = signature.unsigned.signatureTimeStamps.flatMap(\.tokens).compactMap(TimeStampToken.parsed)
        // Parsed once; nil keeps an unreadable value in place so each question still reports it.
        // The signature's own revocation values and those of TimeStampValidationData (LTA), pooled.
        let ocspValues = (signature.unsigned.ocspValues + signature.unsigned.validationDataOCSPValues).map(OCSPResponse.parsed)
        var pool = core.certificates + tokens.flatMap(\.certificates) + ocspValues.compactMap { $0 }.flatMap(\.certificates)
        var timestamps = TimestampValidator(document: document, store: store, policy: policy, ocspValues: ocspValues,
                                            validationTime: now)
            .validate(signature, pool: pool)
        let issuer = core.signer.flatMap { signer in
            let candidates = pool + store.listedIssuers(of: signer) + store.anchors.map(\.certificate)
            warmSignerChain(signer, candidates: candidates, pool: pool, timestamps: timestamps, now: now)
            return candidates.first { signer.isIssued(by: $0) }
        }
        if let issuer { pool.append(issuer) }
        let revocationValidator = RevocationValidator(store: store)
        var revocation: [RevocationEvidence] = []
        let crlValues = (signature.unsigned.crlValues + signature.unsigned.validationDataCRLValues).map(CRL.init(der:))
        let indirect = IndirectCRLAuthority(store: store, pool: pool, crls: crlValues)
        if let signer = core.signer {
            revocation = ocspValues.map {
                revocationValidator.examine($0, signer: signer, issuer: issuer, pool: pool, signatureValue: signature.signatureValue,
                                            timeMark: timeMark, fetched: false, label: label)
            } + crlValues.map { CRLExamination.examine($0, certificate: signer, issuer: issuer, fetched: false, label: label, indirect: indirect) }
            revocation = revocation.map { $0.checkingAlgorithms(policy, at: now, label: label) }
        }
        // Evidence made after the validation time (`--at` in the past) proves nothing at that time.
        revocation = revocation.map { $0.producedAt.map { $0 > now } == true ? $0.unusedAfterValidationTime(label: label) : $0 }
        for (index, stamp) in timestamps.enumerated() {
            guard let genTime = stamp.genTime, genTime > now else { continue }
            timestamps[index] = stamp.unusedAfterValidationTime(label: label)
        }
        // The proof of existence: the earliest valid signature time-stamp, or the chosen time-mark.
        func proof(_ revocation: [RevocationEvidence]) -> Int64? {
            if timeMark {
                return RevocationChoice.choose(revocation, timeMark: true, bestSignatureTime: now)?.producedAt
            }
            return timestamps.filter { $0.kind == .signature && $0.isValid }.compactMap(\.genTime).filter { $0 <= now }.min()
        }
        var best = proof(revocation) ?? now
        var answer = RevocationChoice.choose(revocation, timeMark: timeMark, bestSignatureTime: best)
        // Revocation is fetched online only for a signer whose chain reaches a trust anchor: the
        // OCSP and CRL addresses in its certificate were then written by a trusted CA, never by
        // whoever made the container (a forged certificate must not make a validation service
        // fetch an internal address, nor a validator call a tracker). An untrusted chain fails
        // in XCV whatever revocation says.
        var reachesAnchor: Bool?
        func mayFetch(_ signer: Certificate) -> Bool {
            if let reachesAnchor { return reachesAnchor }
            let trusted = store.validate(signer, pool: pool, purpose: .signing, at: best).isTrusted
            reachesAnchor = trusted
            return trusted
        }
        // No acceptable, fresh answer for a signature without a time-mark: ask the responder now
        // (a stale embedded "good" must not stop the fetch).
        if let signer = core.signer, let fetcher, let issuer, !timeMark, !store.anchors.contains(where: { $0.certificate == signer }),
           answer.map({ !RevocationChoice.isFresh($0, at: best, maxAge: policy.revocationMaxAge) }) ?? true, mayFetch(signer) {
            switch fetcher.fetch(for: signer, issuer: issuer, label: label) {
            case let .response(der):
                let fetched = revocationValidator.examine(der, signer: signer, issuer: issuer, pool: pool, signatureValue: nil,
                                                          timeMark: false, fetched: true, label: label)
                revocation.append(fetched.checkingAlgorithms(policy, at: now, label: label).adding(.info("ocsp.fetched", "revocation status fetched online at validation time", subject: label)))
            case let .failure(problem):
                revocation.append(RevocationEvidence.unavailable(problem))
            }
            // A response fetched now is produced a moment after `now` was taken (seconds on a slow
            // machine, or a responder's clock slightly ahead): five minutes of grace, as for thisUpdate.
            revocation = revocation.map { evidence in
                guard evidence.fetched, evidence.responderTrusted, let produced = evidence.producedAt, produced > now + Self.fetchGrace else {
                    return evidence
                }
                return evidence.unusedAfterValidationTime(label: label)
            }
            best = proof(revocation) ?? now
            answer = RevocationChoice.choose(revocation, timeMark: timeMark, bestSignatureTime: best)
        }
        // Still nothing usable: the CRL of the signer's distribution point (fetched or cached).
        if let signer = core.signer, let crlSource, let issuer, !timeMark, time == nil, !signer.crlDistributionPointURLs.isEmpty,
           !store.anchors.contains(where: { $0.certificate == signer }),
           answer.map({ !RevocationChoice.isFresh($0, at: best, maxAge: policy.revocationMaxAge) }) ?? true, mayFetch(signer) {
            switch crlSource.fetch(for: signer, now: now, label: label) {
            case let .crl(crl, url, fromCache):
                let examined = CRLExamination.examine(crl, certificate: signer, issuer: issuer, fetched: true, label: label, indirect: indirect)
                revocation.append(examined.checkingAlgorithms(policy, at: now, label: label).adding(.info("crl.fetched", "the CRL of \(url) was used\(fromCache ? " (cached copy)" : ", fetched at validation time")", subject: label)))
            case let .failure(problem):
                revocation.append(RevocationEvidence.unavailable(problem))
            }
            best = proof(revocation) ?? now
            answer = RevocationChoice.choose(revocation, timeMark: timeMark, bestSignatureTime: best)
        }
        let proofOfExistence = proof(revocation)
        let chain = core.signer.map { store.validate($0, pool: pool, purpose: .signing, at: best) }
        // CAs below the listed one need their own status from the signature's OCSP values or CRLs;
        // without one it cannot be decided.
        let intermediates = (chain?.intermediates ?? []).map { ca, caIssuer in
            let evidence = (ocspValues.map {
                revocationValidator.examine($0, signer: ca, issuer: caIssuer, pool: pool, signatureValue: nil, timeMark: false,
                                            fetched: false, label: label)
            } + crlValues.map { CRLExamination.examine($0, certificate: ca, issuer: caIssuer, fetched: false, label: label, indirect: indirect) })
                .filter { $0.status != nil }.map { $0.checkingAlgorithms(policy, at: now, label: label) }
            let (answer, problem) = RevocationChoice.usableAnswer(evidence, controlTime: best, validationTime: now,
                                                                  maxAge: policy.revocationMaxAge)
            return IntermediateRevocation(certificate: ca, answer: answer, problem: problem)
        }
        if let claimed = signature.signingTime.flatMap(ISOTime.parse) {
            for (index, stamp) in timestamps.enumerated() where stamp.kind == .signature && stamp.isValid {
                guard let genTime = stamp.genTime, genTime + 60 < claimed else { continue }
                timestamps[index] = stamp.adding(.warning("ts.before-signing-time",
                    "the signature time-stamp (\(ISOTime.format(genTime))) is earlier than the signing time the signer claims (\(ISOTime.format(claimed)))",
                    subject: label))
            }
        }
        let qualification = core.signer.flatMap { signer in
            chain.map { QualificationEvaluator.evaluate(signer, validation: $0, signingTime: best) }
        } ?? .notApplicable
        let context = SignatureContext(container: document.container, core: core, policy: policy, validationTime: now,
                                       timestamps: timestamps, revocation: revocation, revocationAnswer: answer,
                                       proofOfExistence: proofOfExistence, signerChain: chain, signerIssuer: issuer,
                                       intermediateRevocation: intermediates, qualification: qualification)
        return Self.judge(context)
    }

    /// Runs every block, applies DSS's order of precedence (written only here), and requires the
    /// positive proof of ``PassProof`` before answering TOTAL-PASSED.
    public static func judge(_ context: SignatureContext) -> SignatureValidation {
        let fc = FormatChecking.block.run(context)
        let isc = SigningCertificateIdentification.block.run(context)
        let vci = ValidationContextInitialization.block.run(context)
        let xcvConstraints = CertificateValidation.constraintsBlock.run(context)
        let cv = CryptographicVerification.block.run(context)
        let savStructure = SignatureAcceptance.structureBlock.run(context)
        let xcv = CertificateValidation.block.run(context)
        let savRest = SignatureAcceptance.block.run(context)
        let sav = savStructure.status != .passed ? savStructure
            : BlockResult(name: "SAV", status: savRest.status, indication: savRest.indication, subIndication: savRest.subIndication,
                          constraints: savStructure.constraints + savRest.constraints, decisive: savRest.decisive,
                          outranksIndeterminate: savRest.outranksIndeterminate)
        let ltv = LongTermValidation.block.run(context)
        let qual = QualificationCheck.block.run(context)
        // DSS's precedence: the first block that did not pass decides, except that a failure bound
        // to other evidence (outranksIndeterminate) beats an earlier INDETERMINATE.
        let order = [fc, isc, vci, xcvConstraints, cv, savStructure, xcv, savRest, ltv, qual]
        let first = order.first { $0.status != .passed }
        let outranking = order.first { $0.outranksIndeterminate }
        let decisive = (first?.status == .indeterminate ? outranking : nil) ?? first
        let reported = [fc, isc, vci, xcv, cv, sav, ltv, qual]
        let label = context.signature.label
        var findings = context.core.findings
        if let chain = context.signerChain {
            findings += chain.findings(subject: label, what: "the signer", at: context.bestSignatureTime).filter { $0.level != .info }
        }
        findings += context.timestamps.flatMap(\.findings) + context.revocation.flatMap(\.findings)
        for block in reported { findings += block.findings(subject: label) }

        var indication = decisive?.indication ?? .totalPassed
        var subIndication = decisive?.subIndication
        var decision = decisive.flatMap { block in block.decisive.map { Decision(block: block.name, constraint: $0) } }
        if indication == .totalPassed {
            let missing = PassProof.missing(context, blocks: order)
            if !missing.isEmpty {
                let message = "internal error: every block passed but the proof of a valid signature is incomplete (missing: "
                    + missing.map(\.rawValue).joined(separator: ", ") + "); the signature is not accepted"
                indication = .indeterminate
                subIndication = nil
                decision = Decision(block: "PROOF", constraint: ConstraintResult(key: "ASIC_PASS_PROOF", level: .fail, outcome: .cannotDecide,
                                                                              message: message, subIndication: nil))
                findings.append(.error("internal.pass-proof-incomplete", message, subject: label))
            }
        }
        // XCV appears once in the report: the constraints-first run is part of it.
        return SignatureValidation(context: context, blocks: reported, indication: indication, subIndication: subIndication,
                                   decision: decision, findings: findings.deduplicated().aggregated())
    }

    func validate(token: TokenResult, now: Int64) -> TokenValidation {
        if let genTime = token.genTime, genTime > now {
            return TokenValidation(token: token, tsaValidation: nil, indication: .indeterminate, subIndication: .noPOE,
                                   findings: token.findings + [.warning("ts.after-validation-time",
                                       "the time-stamp of \(ISOTime.format(genTime)) is after the validation time; it proves nothing at that time",
                                       subject: token.file)])
        }
        var findings = token.findings
        var validation: ChainValidation?
        var admissible = true
        if let tsa = token.tsa, let genTime = token.genTime {
            let checked = store.validate(tsa, pool: [], purpose: .timeStamping, at: genTime)
            validation = checked
            findings += checked.findings(subject: token.file, what: "the TSA \(tsa.subjectAttribute("CN") ?? tsa.subject)", at: genTime)
            if let problem = TimestampValidator.algorithmProblem(imprint: token.imprintAlgorithm, genTime: genTime, tsa: tsa, policy: policy) {
                admissible = false
                findings.append(.error("ts.algorithm-unacceptable", "\(token.file) is not acceptable: \(problem)",
                                       subject: token.file))
            }
            if checked.isTrusted, checked.service != nil, checked.chain.first?.trustedBy == nil {
                // A TSU listed only through its CA: an ASiC-S container carries no revocation data for it.
                admissible = false
                findings.append(.error("ts.tsu-revocation", "\(token.file): the TSU is listed only through its CA and its revocation status is not available",
                                       subject: token.file))
            }
            if !tsa.isTimeStampingSigner {
                admissible = false
                findings.append(.error("ts.not-a-tsu", "\(token.file) is signed by a certificate that is not a time-stamping unit", subject: token.file))
            }
        }
        let (indication, sub): (Indication, SubIndication?) = switch token.crypto {
        case .notFound: (.indeterminate, .signedDataNotFound)
        case .hashFailure: (.totalFailed, .hashFailure)
        case .sigFailure: (.totalFailed, .sigCryptoFailure)
        case .undetermined: (.indeterminate, .noSigningCertificateFound)
        case .ok where !admissible: (.indeterminate, .noPOE)
        case .ok: validation?.isTrusted == true ? (.totalPassed, nil) : (.indeterminate, .noCertificateChainFound)
        }
        return TokenValidation(token: token, tsaValidation: validation, indication: indication, subIndication: sub, findings: findings)
    }
}

extension RevocationEvidence {
    /// Produced after the validation time: kept in the report, never used.
    func unusedAfterValidationTime(label: String) -> RevocationEvidence {
        var copy = adding(.warning("ocsp.after-validation-time",
                                   "the OCSP response was produced after the validation time (\(ISOTime.format(producedAt ?? 0))); it is not used",
                                   subject: label))
        copy.responderTrusted = false
        copy.trustedBy = nil
        return copy
    }

    func adding(_ finding: Finding) -> RevocationEvidence {
        var copy = self
        copy.findings.append(finding)
        return copy
    }

    /// Online revocation was attempted and failed.
    static func unavailable(_ finding: Finding) -> RevocationEvidence {
        RevocationEvidence(producedAt: nil, status: nil, responder: nil, responderSigned: false, responderTrusted: false, trustedBy: nil,
                           nonceMatches: nil, timeMarkResponder: false, fetched: true, findings: [finding])
    }
}
