import Findings
import PKI
import Trust
import XAdES
import XMLSecurity

/// One validated time-stamp token of a signature (signature or archive time-stamp).
public struct TimestampEvidence: Sendable {
    public enum Kind: String, Sendable { case signature, archive, container }

    public let kind: Kind
    public let genTime: Int64?
    public let imprintIntact: Bool
    /// CMS signature of the token; nil when it could not be checked.
    public let signatureIntact: Bool?
    public let tsa: Certificate?
    public internal(set) var tsaValidation: ChainValidation?
    /// The token's algorithms are acceptable under the policy at genTime, and a TSU under a listed
    /// TSA CA is known not to be revoked (EN 319 102-1 §5.4).
    public let admissible: Bool
    public internal(set) var findings: [Finding]

    /// The token's integrity alone (imprint, CMS signature), as for every signed thing.
    public var integrity: IntegrityOutcome { .of(found: true, intact: imprintIntact, signature: signatureIntact) }

    /// Intact, admissible and issued by a trusted TSA: a proof of existence at `genTime`.
    public var isValid: Bool {
        imprintIntact && signatureIntact == true && tsaValidation?.isTrusted == true && genTime != nil && admissible
    }
}

extension TimestampEvidence {
    func adding(_ finding: Finding) -> TimestampEvidence {
        var copy = self
        copy.findings.append(finding)
        return copy
    }

    /// Made after the validation time: kept in the report, never a proof.
    func unusedAfterValidationTime(label: String) -> TimestampEvidence {
        var copy = adding(.warning("ts.after-validation-time",
                                   "the \(kind.rawValue) time-stamp of \(ISOTime.format(genTime ?? 0)) is after the validation time; it is not used",
                                   subject: label))
        copy.tsaValidation = nil
        return copy
    }
}

/// Validates the time-stamp tokens of a signature: imprint over the right input, CMS signature,
/// TSA trusted (TSA/QTST service or own anchor) at genTime.
struct TimestampValidator {
    let document: SignedDocument
    let store: TrustStore
    let policy: ValidationPolicy
    /// The signature's embedded OCSP responses, parsed once (nil: unreadable), for the revocation
    /// of a TSU under a listed TSA CA.
    let ocspValues: [OCSPResponse?]
    /// Evidence produced after it proves nothing.
    let validationTime: Int64

    func validate(_ signature: XAdESSignature, pool: [Certificate]) -> [TimestampEvidence] {
        let label = signature.label
        var results: [TimestampEvidence] = []
        for stamp in signature.unsigned.signatureTimeStamps {
            results.append(check(stamp, kind: .signature, label: label, pool: pool) { digest in
                guard let value = signature.signatureValueElement else { return false }
                let method = stamp.canonicalizationMethod.flatMap { C14NMethod(uri: $0) } ?? .inclusive10
                guard let octets = try? value.canonicalized(method) else { return false }
                digest.update(octets)
                return true
            })
        }
        for stamp in signature.unsigned.archiveTimeStamps {
            results.append(check(stamp, kind: .archive, label: label, pool: pool) { digest in
                document.feedArchiveTimeStampInput(signature, stamp: stamp, into: digest)
            })
        }
        return results
    }

    private func check(_ stamp: TimeStampElement, kind: TimestampEvidence.Kind, label: String, pool: [Certificate],
                       input: (Digest) -> Bool) -> TimestampEvidence {
        var findings: [Finding] = []
        guard let der = stamp.tokens.first, let token = TimeStampToken.parsed(der) else {
            findings.append(.error("ts.malformed", "a \(kind.rawValue) time-stamp is not an RFC 3161 token", subject: label))
            return TimestampEvidence(kind: kind, genTime: nil, imprintIntact: false, signatureIntact: nil, tsa: nil,
                                     tsaValidation: nil, admissible: false, findings: findings)
        }
        var imprint = false
        if let algorithm = token.imprintAlgorithm {
            let digest = Digest(algorithm)
            imprint = input(digest) && digest.finalize() == token.imprint
            if algorithm == .sha1 {
                findings.append(.warning("ts.weak-digest", "the \(kind.rawValue) time-stamp imprint uses SHA-1", subject: label))
            }
        }
        if !imprint {
            findings.append(.error("ts.imprint-mismatch",
                                   "the \(kind.rawValue) time-stamp of \(ISOTime.format(token.genTime)) does not cover this signature (message imprint mismatch)",
                                   subject: label))
        }
        let tsa = token.signer(extra: pool)
        var intact: Bool?
        switch token.verifySignature(extra: pool) {
        case .valid: intact = true
        case let .invalid(reason):
            intact = false
            findings.append(.error("ts.signature-invalid", "the \(kind.rawValue) time-stamp's signature does not verify: \(reason)", subject: label))
        case let .unsupported(reason):
            findings.append(.warning("ts.signature-unchecked", "the \(kind.rawValue) time-stamp's signature could not be checked: \(reason)", subject: label))
        }
        // A signature that verifies proves nothing about which TSA certificate made it until the
        // signed ESS attribute names that certificate: without the binding the token is not valid
        // (no proof of existence), though its signature is not forged.
        if intact == true, let problem = tsa.flatMap(token.signingCertificateProblem) {
            intact = nil
            findings.append(.error("ts.signer-unbound", "the \(kind.rawValue) time-stamp is not bound to its TSA certificate: \(problem)", subject: label))
        }
        var validation: ChainValidation?
        var admissible = true
        if let problem = algorithmProblem(token, tsa: tsa) {
            admissible = false
            findings.append(.error("ts.algorithm-unacceptable",
                                   "the \(kind.rawValue) time-stamp of \(ISOTime.format(token.genTime)) is not acceptable: \(problem)",
                                   subject: label))
        }
        if let tsa {
            let checked = store.validate(tsa, pool: pool + token.certificates, purpose: .timeStamping, at: token.genTime)
            validation = checked
            if !checked.isTrusted {
                findings += checked.findings(subject: label, what: "the TSA \(tsa.subjectAttribute("CN") ?? tsa.subject)", at: token.genTime)
            } else if checked.service != nil, checked.chain.first?.trustedBy == nil, checked.chain.count > 1 {
                // The trusted list names the TSU's CA, not the TSU (EN 319 102-1 §5.4): its own
                // revocation must be established. (Under an own CA anchor the user vouches for it.)
                if let problem = tsuRevocationProblem(tsa, issuer: checked.chain[1].certificate, anchor: checked, genTime: token.genTime,
                                                       pool: pool + token.certificates, label: label) {
                    admissible = false
                    findings.append(.error("ts.tsu-revocation", "the \(kind.rawValue) time-stamp's TSU \(tsa.subjectAttribute("CN") ?? tsa.subject) is listed only through its CA: \(problem)",
                                           subject: label))
                }
            }
        } else {
            findings.append(.error("ts.no-tsa-certificate", "the \(kind.rawValue) time-stamp carries no TSA certificate", subject: label))
        }
        return TimestampEvidence(kind: kind, genTime: token.genTime, imprintIntact: imprint, signatureIntact: intact, tsa: tsa,
                                 tsaValidation: validation, admissible: admissible, findings: findings)
    }

    /// The imprint digest and the TSA key judged against the policy's sunset table at genTime.
    private func algorithmProblem(_ token: TimeStampToken, tsa: Certificate?) -> String? {
        Self.algorithmProblem(imprint: token.imprintAlgorithm, genTime: token.genTime, tsa: tsa, policy: policy)
    }

    /// The same for any token (ASiC-S tokens too): the policy's table at genTime.
    static func algorithmProblem(imprint algorithm: DigestAlgorithm?, genTime: Int64, tsa: Certificate?, policy: ValidationPolicy) -> String? {
        if let problem = policy.digestProblem(algorithm, at: genTime) { return problem }
        return tsa?.publicKey.flatMap { policy.keyProblem($0, at: genTime) }
    }

    /// Why the TSU's status at genTime is not established from the signature's OCSP values; nil when it is good.
    private func tsuRevocationProblem(_ tsu: Certificate, issuer: Certificate, anchor: ChainValidation, genTime: Int64,
                                      pool: [Certificate], label: String) -> String? {
        let validator = RevocationValidator(store: store)
        // The listed TSA CA (and its delegated responder) answers for its TSUs.
        let evidence = ocspValues.map {
            validator.examine($0, signer: tsu, issuer: issuer, pool: pool, signatureValue: nil, timeMark: false, fetched: false, label: label,
                              issuerAnchor: anchor)
        }.filter { $0.status != nil }
        let (chosen, problem) = RevocationChoice.usableAnswer(evidence, controlTime: genTime, validationTime: validationTime,
                                                              maxAge: policy.revocationMaxAge)
        guard let answer = chosen else { return problem }
        switch answer.status?.status {
        case .good?: return nil
        case let .revoked(time, _)?: return time <= genTime ? "revoked since \(ISOTime.format(time))" : nil
        case .unknown?, nil: return "its responder does not know it"
        case .unreadable?: return "the OCSP answer about it cannot be read"
        }
    }
}
