import ASiC
import Findings
import PKI
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
    public let limits: ZipLimits

    public init(policy: ValidationPolicy, store: TrustStore, time: Int64? = nil, fetcher: OCSPFetcher? = nil, limits: ZipLimits = .default) {
        self.policy = policy
        self.store = store
        self.time = time
        self.fetcher = fetcher
        self.limits = limits
    }

    /// Validates `path`; the report names it `name` (the path as the user gave it, `-` for stdin).
    public func validate(path: String, detached: [String] = [], name: String? = nil) -> ContainerValidation {
        let file = name ?? path
        let now = time ?? Int64(Glibc.time(nil))
        let document: SignedDocument
        do {
            document = try SignedDocument.open(path: path, limits: limits, detached: detached)
        } catch let error as InputError {
            return ContainerValidation(file: file, document: nil, error: error, policy: policy, validationTime: now, signatures: [], tokens: [])
        } catch {
            return ContainerValidation(file: file, document: nil, error: InputError(key: "input.unreadable", message: "\(error)"),
                                       policy: policy, validationTime: now, signatures: [], tokens: [])
        }
        let signatures = document.verifyCore().map { validate($0, document: document, now: now) }
        let tokens = document.verifyTokens().map { validate(token: $0, now: now) }
        return ContainerValidation(file: file, document: document, error: nil, policy: policy, validationTime: now,
                                   signatures: signatures, tokens: tokens)
    }

    func validate(_ core: CoreResult, document: SignedDocument, now: Int64) -> SignatureValidation {
        let signature = core.signature
        let label = signature.label
        let tokens = signature.unsigned.signatureTimeStamps.flatMap(\.tokens).compactMap(TimeStampToken.init(der:))
        let responses = signature.unsigned.ocspValues.compactMap(OCSPResponse.init(der:))
        var pool = core.certificates + tokens.flatMap(\.certificates) + responses.flatMap(\.certificates)
        var timestamps = TimestampValidator(document: document, store: store).validate(signature, pool: pool)
        let issuer = core.signer.flatMap { signer in
            (pool + store.services.flatMap(\.certificates) + store.anchors.map(\.certificate)).first { signer.isIssued(by: $0) }
        }
        if let issuer { pool.append(issuer) }
        let revocationValidator = RevocationValidator(store: store)
        var revocation: [RevocationEvidence] = []
        if let signer = core.signer {
            revocation = signature.unsigned.ocspValues.map {
                revocationValidator.examine($0, signer: signer, issuer: issuer, pool: pool, signatureValue: signature.signatureValue,
                                            timeMark: core.profile == .ltTM, fetched: false, label: label)
            }
            let signerIsAnchor = store.anchors.contains { $0.certificate == signer }
            if !revocation.contains(where: \.isAcceptable), core.profile != .ltTM, !signerIsAnchor, let fetcher, let issuer {
                switch fetcher.fetch(for: signer, issuer: issuer, label: label) {
                case let .response(der):
                    let fetched = revocationValidator.examine(der, signer: signer, issuer: issuer, pool: pool, signatureValue: nil,
                                                              timeMark: false, fetched: true, label: label)
                    revocation.append(fetched.adding(.info("ocsp.fetched", "revocation status fetched online at validation time", subject: label)))
                case let .failure(problem):
                    revocation.append(RevocationEvidence.unavailable(problem))
                }
            }
        }
        // Evidence made after the validation time (`--at` in the past) proves nothing at that time.
        revocation = revocation.map { evidence in
            guard let produced = evidence.producedAt, produced > now else { return evidence }
            return RevocationEvidence(producedAt: produced, status: evidence.status, responder: evidence.responder,
                                      responderSigned: evidence.responderSigned, responderTrusted: false, trustedBy: nil,
                                      nonceMatches: evidence.nonceMatches, timeMarkResponder: evidence.timeMarkResponder, fetched: evidence.fetched,
                                      findings: evidence.findings + [.warning("ocsp.after-validation-time",
                                          "the OCSP response was produced after the validation time (\(ISOTime.format(produced))); it is not used", subject: label)])
        }
        for (index, stamp) in timestamps.enumerated() {
            guard let genTime = stamp.genTime, genTime > now else { continue }
            timestamps[index] = TimestampEvidence(kind: stamp.kind, genTime: genTime, imprintIntact: stamp.imprintIntact,
                                                  signatureIntact: stamp.signatureIntact, tsa: stamp.tsa, tsaValidation: nil,
                                                  findings: stamp.findings + [.warning("ts.after-validation-time",
                                                      "the \(stamp.kind.rawValue) time-stamp of \(ISOTime.format(genTime)) is after the validation time; it is not used", subject: label)])
        }
        let proof: Int64?
        if core.profile == .ltTM {
            // Only a time-mark bound to this signature value (the nonce) proves when it existed.
            proof = revocation.filter { $0.isAcceptable && $0.nonceMatches == true }.compactMap(\.producedAt).filter { $0 <= now }.min()
        } else {
            proof = timestamps.filter { $0.kind == .signature && $0.isValid }.compactMap(\.genTime).filter { $0 <= now }.min()
        }
        let best = proof ?? now
        let chain = core.signer.map { store.validate($0, pool: pool, purpose: .signing, at: best) }
        let qualification = core.signer.flatMap { signer in
            chain.map { QualificationEvaluator.evaluate(signer, validation: $0, signingTime: best) }
        } ?? .notApplicable
        let context = SignatureContext(container: document.container, core: core, policy: policy, validationTime: now,
                                       timestamps: timestamps, revocation: revocation, proofOfExistence: proof, signerChain: chain,
                                       signerIssuer: issuer, qualification: qualification)
        return Self.judge(context)
    }

    /// Runs every block and applies DSS's order of precedence.
    static func judge(_ context: SignatureContext) -> SignatureValidation {
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
                          constraints: savStructure.constraints + savRest.constraints)
        let ltv = LongTermValidation.block.run(context)
        let qual = QualificationCheck.block.run(context)
        let order = [fc, isc, vci, xcvConstraints, cv, savStructure, xcv, savRest, ltv, qual]
        let decisive = order.first { $0.status != .passed && $0.status != .notRun }
        let label = context.signature.label
        var findings = context.core.findings
        if let chain = context.signerChain {
            findings += chain.findings(subject: label, what: "the signer", at: context.bestSignatureTime).filter { $0.level != .info }
        }
        findings += context.timestamps.flatMap(\.findings) + context.revocation.flatMap(\.findings)
        for block in [fc, isc, vci, xcv, cv, sav, ltv, qual] { findings += block.findings(subject: label) }
        // XCV appears once in the report: the constraints-first run is part of it.
        return SignatureValidation(context: context, blocks: [fc, isc, vci, xcv, cv, sav, ltv, qual],
                                   indication: decisive?.indication ?? .totalPassed, subIndication: decisive?.subIndication,
                                   findings: deduplicated(findings))
    }

    static func deduplicated(_ findings: [Finding]) -> [Finding] {
        var seen = Set<String>()
        return findings.filter { seen.insert($0.key + "\u{0}" + $0.message).inserted }
    }

    func validate(token: TokenResult, now: Int64) -> TokenValidation {
        var findings = token.findings
        var validation: ChainValidation?
        if let tsa = token.tsa, let genTime = token.genTime {
            let checked = store.validate(tsa, pool: [], purpose: .timeStamping, at: genTime)
            validation = checked
            findings += checked.findings(subject: token.file, what: "the TSA \(tsa.subjectAttribute("CN") ?? tsa.subject)", at: genTime)
        }
        let (indication, sub): (Indication, SubIndication?) = switch token.crypto {
        case .notFound: (.indeterminate, .signedDataNotFound)
        case .hashFailure: (.totalFailed, .hashFailure)
        case .sigFailure: (.totalFailed, .sigCryptoFailure)
        case .undetermined: (.indeterminate, .noSigningCertificateFound)
        case .ok: validation?.isTrusted == true ? (.totalPassed, nil) : (.indeterminate, .noCertificateChainFound)
        }
        return TokenValidation(token: token, tsaValidation: validation, indication: indication, subIndication: sub, findings: findings)
    }
}

extension RevocationEvidence {
    func adding(_ finding: Finding) -> RevocationEvidence {
        RevocationEvidence(producedAt: producedAt, status: status, responder: responder, responderSigned: responderSigned,
                           responderTrusted: responderTrusted, trustedBy: trustedBy, nonceMatches: nonceMatches,
                           timeMarkResponder: timeMarkResponder, fetched: fetched, findings: findings + [finding])
    }

    /// Online revocation was attempted and failed.
    static func unavailable(_ finding: Finding) -> RevocationEvidence {
        RevocationEvidence(producedAt: nil, status: nil, responder: nil, responderSigned: false, responderTrusted: false, trustedBy: nil,
                           nonceMatches: nil, timeMarkResponder: false, fetched: true, findings: [finding])
    }
}
