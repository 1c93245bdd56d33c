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
    public let tsaValidation: ChainValidation?
    public let findings: [Finding]

    /// Intact and issued by a trusted TSA: a proof of existence at `genTime`.
    public var isValid: Bool { imprintIntact && signatureIntact == true && tsaValidation?.isTrusted == true && genTime != nil }
}

extension TimestampEvidence {
    /// Made after the validation time: kept in the report, never a proof.
    func unusedAfterValidationTime(label: String) -> TimestampEvidence {
        TimestampEvidence(kind: kind, genTime: genTime, imprintIntact: imprintIntact, signatureIntact: signatureIntact, tsa: tsa,
                          tsaValidation: nil, findings: findings + [.warning("ts.after-validation-time",
                              "the \(kind.rawValue) time-stamp of \(ISOTime.format(genTime ?? 0)) is after the validation time; it is not used",
                              subject: label)])
    }
}

/// Validates the time-stamp tokens of a signature: imprint over the right input, CMS signature,
/// TSA trusted (TSA/QTST service or own anchor) at genTime.
struct TimestampValidator {
    let document: SignedDocument
    let store: TrustStore

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
        guard let der = stamp.tokens.first, let token = TimeStampToken(der: der) else {
            findings.append(.error("ts.malformed", "a \(kind.rawValue) time-stamp is not an RFC 3161 token", subject: label))
            return TimestampEvidence(kind: kind, genTime: nil, imprintIntact: false, signatureIntact: nil, tsa: nil,
                                     tsaValidation: nil, findings: findings)
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
        var validation: ChainValidation?
        if let tsa {
            let checked = store.validate(tsa, pool: pool + token.certificates, purpose: .timeStamping, at: token.genTime)
            validation = checked
            if !checked.isTrusted {
                findings += checked.findings(subject: label, what: "the TSA \(tsa.subjectAttribute("CN") ?? tsa.subject)", at: token.genTime)
            }
        } else {
            findings.append(.error("ts.no-tsa-certificate", "the \(kind.rawValue) time-stamp carries no TSA certificate", subject: label))
        }
        return TimestampEvidence(kind: kind, genTime: token.genTime, imprintIntact: imprint, signatureIntact: intact, tsa: tsa,
                                 tsaValidation: validation, findings: findings)
    }
}
