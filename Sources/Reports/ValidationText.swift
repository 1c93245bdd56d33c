import ASiC
import Findings
import PKI
import Trust
import Validation
import XAdES

extension ContainerValidation {
    /// One screen for one container: a verdict line per signature, then the reasons in plain words,
    /// then the container findings.
    public func text(style: TextStyle = .plain, verbose: Bool = false) -> String {
        guard let document, error == nil else {
            return style.bad("✗") + " \(file.terminalSafe): NOT-PROCESSABLE: \((error?.message ?? "unknown error").terminalSafe) [\(error?.key ?? "")]\n"
        }
        var lines: [String] = [Self.banner(verdict, style) + "  " + style.bold(file)]
        for reason in judgement.reasons.prefix(verbose ? .max : 6) { lines.append("    " + reason.terminalSafe) }
        if !verbose, judgement.reasons.count > 6 { lines.append("    … \(judgement.reasons.count - 6) more reasons (--verbose)") }
        let container = document.container
        lines.append("  \(container.type.rawValue), \(container.dataFiles.count) data file\(container.dataFiles.count == 1 ? "" : "s"), policy \(policy.name), validated as of \(ISOTime.format(validationTime))")
        for signature in signatures {
            lines.append("")
            lines += signature.textLines(style: style, verbose: verbose)
        }
        for (index, token) in tokens.enumerated() {
            lines.append("")
            let mark = Self.mark(token.indication, style)
            lines.append("  \(mark) T\(index)  time-stamp token \(token.token.file.terminalSafe) over \((token.token.covered ?? "?").terminalSafe)  \(token.indication.rawValue)\(token.subIndication.map { "/\($0.rawValue)" } ?? "")")
            lines.append("      by \((token.token.tsa?.subjectAttribute("CN") ?? "unknown TSA").terminalSafe) at \(token.token.genTime.map(ISOTime.format) ?? "?")")
            for finding in token.findings where finding.level != .info { lines.append("      - \(finding.message.terminalSafe)") }
        }
        if let wrapped = wrappedDDOC {
            lines.append("")
            let proven = wrapped.provenAt.map { ", proven to exist at \(ISOTime.format($0)) by the time-stamp" } ?? ", not proven by a valid time-stamp"
            if let validation = wrapped.validation {
                lines.append("  Wrapped DDOC \(wrapped.name.terminalSafe) (\(validation.format.family.rawValue) \(validation.format.version), trust: \(validation.trustSource))\(proven)")
                if validation.signatures.isEmpty { lines.append("    it holds no signature") }
                for signature in validation.signatures { lines += DDOCReport.lines(signature, style: style, verbose: verbose, indent: "  ") }
            } else {
                lines.append("  " + style.bad("✗") + " Wrapped file \(wrapped.name.terminalSafe) is not a DDOC that can be validated: \((wrapped.rejection?.message ?? "").terminalSafe)")
            }
        }
        let containerFindings = container.findings.filter { $0.level != .info || verbose }
        if !containerFindings.isEmpty {
            lines.append("")
            lines.append(style.bold("Container"))
            for finding in containerFindings { lines.append("  \(finding.level.rawValue) \(finding.message.terminalSafe) [\(finding.key)]") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The container verdict as the first word of the report.
    static func banner(_ verdict: ContainerVerdict, _ style: TextStyle) -> String {
        switch verdict {
        case .passed: style.good("✓ PASSED")
        case .failed, .noSignature, .notProcessable: style.bad("✗ \(verdict.rawValue)")
        case .indeterminate: style.warn("? INDETERMINATE")
        }
    }

    static func mark(_ indication: Indication, _ style: TextStyle) -> String {
        switch indication {
        case .totalPassed: style.good("✓")
        case .totalFailed: style.bad("✗")
        case .indeterminate: style.warn("?")
        }
    }
}

extension SignatureValidation {
    func textLines(style: TextStyle, verbose: Bool) -> [String] {
        let core = context.core
        let signature = core.signature
        let verdict = indication.rawValue + (subIndication.map { "/\($0.rawValue)" } ?? "")
        let who = core.signer.map(SignerName.display) ?? "unknown signer"
        let when = context.proofOfExistence.map { ISOTime.format($0) + " (proven)" }
            ?? signature.signingTime.map { $0.terminalSafe + " (claimed)" } ?? "unknown time"
        var lines = ["  \(ContainerValidation.mark(indication, style)) \(style.bold(who))  \(when)  \(core.profile.rawValue)  \(qualificationForPeople)  \(verdict)"]
        lines.append("      signature \(signature.label.terminalSafe) in \(signature.file.terminalSafe)")
        // Constraint failures restate the findings they were judged from: show the decisive one as
        // "why", then the underlying findings once.
        let restated = Set(blocks.map { $0.name + "." })
        var why: String?
        if indication != .totalPassed, let decision {
            why = decision.constraint.message
            lines.append("      why: \(decision.constraint.message.terminalSafe) [\(decision.block) \(decision.constraint.key)]")
        }
        let reasons = findings.filter { finding in
            finding.level == .error && !restated.contains(where: { finding.key.hasPrefix($0) }) && !(why.map { finding.message.hasPrefix($0) } ?? false)
        }
        var shown = Set(reasons.map(\.message))
        let warnings = findings.filter { $0.level == .warning && shown.insert($0.message).inserted }
        for finding in (verbose ? reasons : Array(reasons.prefix(4))) { lines.append("      - " + style.bad(finding.message)) }
        for finding in (verbose ? warnings : Array(warnings.prefix(4))) { lines.append("      - " + style.warn(finding.message)) }
        if verbose {
            for block in blocks {
                lines.append("      [\(block.name)] \(block.status.rawValue)")
                for constraint in block.constraints {
                    let mark = switch constraint.outcome {
                    case .passed: "ok "
                    case .failed: "NOT"
                    case .cannotDecide: "?? "
                    case .notApplicable: "n/a"
                    }
                    lines.append("        \(mark) \(constraint.key) (\(constraint.level.rawValue)): \(constraint.message.terminalSafe)")
                }
            }
            for element in context.signerChain?.chain ?? [] {
                lines.append("      chain: \(element.certificate.subject.terminalSafe)  \((element.trustedBy ?? "").terminalSafe)")
            }
        }
        return lines
    }
}
