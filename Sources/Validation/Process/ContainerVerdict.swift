import ASiC
import Findings
import XAdES

/// The answer to "is this container, as I see it, signed and unchanged?" (contract: verdict).
public enum ContainerVerdict: String, Sendable, CaseIterable {
    case passed = "PASSED"
    case failed = "FAILED"
    case indeterminate = "INDETERMINATE"
    case noSignature = "NO-SIGNATURE"
    case notProcessable = "NOT-PROCESSABLE"

    /// The contract's exit code: 0 passed, 1 failed or unsigned, 2 indeterminate, 3 not processable.
    public var exitCode: Int32 {
        switch self {
        case .passed: 0
        case .failed, .noSignature: 1
        case .indeterminate: 2
        case .notProcessable: 3
        }
    }
}

/// A container verdict with the plain-language reasons behind it (empty when PASSED).
public struct ContainerJudgement: Sendable {
    public let verdict: ContainerVerdict
    public let reasons: [String]
    /// The failures that are the container's own, not a signature's or a time-stamp token's
    /// indication: files no signature covers, media types the manifest contradicts, container
    /// defects, a failing wrapped DDOC. Reports that show signatures and tokens but not the
    /// container (SiVa's) carry them onto each signature that passed.
    public let containerFailures: [String]

    init(verdict: ContainerVerdict, reasons: [String], containerFailures: [String] = []) {
        self.verdict = verdict
        self.reasons = reasons
        self.containerFailures = containerFailures
    }
}

/// Judges the container as a whole: PASSED only when every signature (and time-stamp token) is
/// TOTAL-PASSED, every data file is covered by at least one signature or token, no signature
/// signs a media type the manifest contradicts, and the container has no error-level finding.
/// A signature's own indication follows the policy; this verdict never passes unsigned content.
public enum ContainerJudge {
    /// At most this many reasons of one kind are listed; then a count.
    static let reasonLimit = 20

    public static func judge(document: SignedDocument?, error: InputError?, signatures: [SignatureValidation],
                             tokens: [TokenValidation], wrapped: WrappedDDOC? = nil) -> ContainerJudgement {
        guard let document, error == nil else {
            return ContainerJudgement(verdict: .notProcessable, reasons: [error?.message ?? "the input cannot be processed"])
        }
        let container = document.container
        guard !signatures.isEmpty || !tokens.isEmpty else {
            return ContainerJudgement(verdict: .noSignature, reasons: ["the container holds no signature"])
        }
        // Each failure in order, marked when it is the container's own (not a signature's or a
        // token's indication); what is undecided is always a signature's or a token's.
        var failures: [(text: String, own: Bool)] = []
        var undecided: [String] = []
        for signature in signatures {
            let name = "signature \(signature.context.signature.label)"
            let detail = signature.decision.map { ": " + $0.constraint.message } ?? ""
            switch signature.indication {
            case .totalPassed: break
            case .totalFailed: failures.append(("\(name) is not valid (\(verdictText(signature.indication, signature.subIndication)))\(detail)", false))
            case .indeterminate: undecided.append("\(name) could not be confirmed (\(verdictText(signature.indication, signature.subIndication)))\(detail)")
            }
            for finding in signature.context.core.findings(role: .mediaType) {
                failures.append(("\(name): \(finding.message)", true))
            }
        }
        for token in tokens {
            let name = "time-stamp token \(token.token.file)"
            switch token.indication {
            case .totalPassed: break
            case .totalFailed: failures.append(("\(name) is not valid (\(verdictText(token.indication, token.subIndication)))", false))
            case .indeterminate: undecided.append("\(name) could not be confirmed (\(verdictText(token.indication, token.subIndication)))")
            }
        }
        var covered = Set<String>()
        for signature in signatures {
            covered.formUnion(signature.context.core.references.filter { $0.kind == .dataObject && $0.found }.compactMap(\.target))
        }
        covered.formUnion(tokens.compactMap(\.token.covered))
        // A bare XAdES document's data are the files given with it (as files or, hashcode, as
        // digests): each must be signed too.
        let unsigned = (container.dataFiles.map(\.name) + document.detachedFiles + document.hashcodeFiles.map(\.name))
            .filter { !covered.contains($0) }
        let containerLevel = limited(unsigned.map { "data file \"\(EntryNameRule.escaped($0))\" is not covered by any signature" })
            + limited(container.findings.filter { $0.level == .error }.map { "\($0.message) [\($0.key)]" })
            + limited(wrapped?.failures ?? [])
        failures += containerLevel.map { ($0, true) }
        if !failures.isEmpty {
            return ContainerJudgement(verdict: .failed, reasons: failures.map(\.text) + undecided,
                                      containerFailures: failures.filter(\.own).map(\.text))
        }
        if !undecided.isEmpty { return ContainerJudgement(verdict: .indeterminate, reasons: undecided) }
        return ContainerJudgement(verdict: .passed, reasons: [])
    }

    static func verdictText(_ indication: Indication, _ sub: SubIndication?) -> String {
        indication.rawValue + (sub.map { "/" + $0.rawValue } ?? "")
    }

    static func limited(_ reasons: [String]) -> [String] {
        reasons.count <= reasonLimit ? reasons : Array(reasons.prefix(reasonLimit)) + ["… and \(reasons.count - reasonLimit) more"]
    }
}
