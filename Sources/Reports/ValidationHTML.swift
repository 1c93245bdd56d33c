import ASiC
import Findings
import PKI
import Trust
import Validation
import XAdES

extension ContainerValidation {
    /// One self-contained HTML page (inline CSS and SVG, no script, no external request).
    public func html(generator: String = "asic") -> String {
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
            + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
            + "<title>Signature validation report – \(HTML.escape(file))</title><style>\(HTML.style)</style></head><body>"
            + htmlBody() + "<footer>Report by \(HTML.escape(generator)) · policy \(HTML.escape(policy.name)): \(HTML.escape(policy.description)) · validated as of \(ISOTime.format(validationTime))</footer></body></html>\n"
    }

    /// The banner and the cards, for this page or a section of a batch page.
    func htmlBody() -> String {
        guard let document, error == nil else {
            return banner("bad", "Not a processable container", "\(HTML.escape(file)): \(HTML.escape(error?.message ?? "unknown error"))")
                + "<main><div class=\"card\"><p>The file could not be read as a signed container, so nothing in it can be relied on.</p>"
                + "<p class=\"small\">Reason: <code>\(HTML.escape(error?.key ?? ""))</code></p></div></main>"
        }
        let (kind, title): (String, String) = switch verdict {
        case .passed: ("ok", signatureCount == 1 ? "Signed and unchanged: the signature is valid" : "Signed and unchanged: all \(signatureCount) signatures are valid")
        case .failed: ("bad", "Not valid: this container must not be relied on")
        case .indeterminate: ("unknown", "Could not be confirmed")
        case .noSignature: ("bad", "No signature in this container")
        case .notProcessable: ("bad", "Not a processable container")
        }
        let container = document.container
        var body = banner(kind, title, "\(HTML.escape(file)) · \(container.type.rawValue) · \(container.dataFiles.count) signed file\(container.dataFiles.count == 1 ? "" : "s") · \(validCount) of \(signatureCount) valid")
        body += "<main>"
        if !judgement.reasons.isEmpty {
            body += "<section class=\"card\"><h2>Why</h2><ul>" + judgement.reasons.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul></section>"
        }
        for signature in signatures { body += signature.htmlCard(container: container) }
        for (index, token) in tokens.enumerated() { body += token.htmlCard(index: index) }
        if let wrapped = wrappedDDOC { body += DDOCReport.htmlCards(wrapped: wrapped) }
        let all = container.findings + signatures.flatMap(\.findings) + tokens.flatMap(\.findings)
        body += "<section class=\"card\"><h2>Findings</h2>"
        if all.isEmpty {
            body += "<p>No findings.</p>"
        } else {
            body += "<div class=\"wide\"><table><thead><tr><th>Level</th><th>Key</th><th>About</th><th>Message</th></tr></thead><tbody>"
            // One row per problem: the same message under several keys (a finding and the
            // constraint judged from it) is shown once with every key.
            var rows: [(finding: Finding, keys: [String])] = []
            for finding in all {
                if let index = rows.firstIndex(where: { $0.finding.message == finding.message && $0.finding.subject == finding.subject && $0.finding.level == finding.level }) {
                    if !rows[index].keys.contains(finding.key) { rows[index].keys.append(finding.key) }
                } else {
                    rows.append((finding, [finding.key]))
                }
            }
            for (finding, keys) in rows {
                let badge = finding.level == .error ? "b-bad" : (finding.level == .warning ? "b-warn" : "b-info")
                body += "<tr><td><span class=\"badge \(badge)\">\(finding.level.rawValue)</span></td><td class=\"key\">"
                    + keys.map { "<code>\(HTML.escape($0))</code>" }.joined(separator: "<br>") + "</td>"
                    + "<td>\(HTML.escape(finding.subject ?? ""))</td><td>\(HTML.escape(finding.message))</td></tr>"
            }
            body += "</tbody></table></div>"
        }
        body += "</section></main>"
        return body
    }

    private func banner(_ kind: String, _ title: String, _ detail: String) -> String {
        "<header class=\"banner \(kind)\">\(HTML.icon(kind))<div><h1>\(HTML.escape(title))</h1><p>\(detail)</p></div></header>"
    }
}

extension SignatureValidation {
    func htmlCard(container: Container) -> String {
        let core = context.core
        let signature = core.signature
        let kind = indication == .totalPassed ? "ok" : (indication == .totalFailed ? "bad" : "warn")
        let badge = indication == .totalPassed ? "b-ok" : (indication == .totalFailed ? "b-bad" : "b-warn")
        let who = core.signer.map(SignerName.display) ?? "Unknown signer"
        var html = "<section class=\"card\" id=\"\(HTML.id(signature.file + signature.label))\"><h2>\(HTML.escape(who)) <span class=\"badge \(badge)\">\(HTML.escape(PlainWords.headline(indication)))</span></h2><dl>"
        func row(_ term: String, _ value: String) { html += "<dt>\(term)</dt><dd>\(value)</dd>" }
        if let signer = core.signer {
            if let org = signer.subjectAttribute("O") { row("Organisation", HTML.escape(org)) }
            row("Certificate issued by", HTML.escape(signer.issuerAttributes.first { $0.type == "CN" }?.value ?? signer.issuer))
        }
        let proven = context.proofOfExistence.map { ISOTime.format($0) + " (proven by a time-stamp or time-mark)" }
        row("Signed at", HTML.escape(proven ?? (signature.signingTime.map { $0 + " (claimed by the signer, not proven)" } ?? "unknown")))
        let signedFiles = core.references.filter { $0.kind == .dataObject }
        let files = signedFiles.map { reference -> String in
            let state = !reference.found ? " <span class=\"badge b-bad\">missing</span>"
                : (reference.intact ? " <span class=\"badge b-ok\">unchanged</span>" : " <span class=\"badge b-bad\">changed</span>")
            return "<li>\(HTML.escape(reference.target ?? reference.uri))\(state)</li>"
        }.joined()
        row("What was signed", files.isEmpty ? "nothing" : "<ul class=\"files\">\(files)</ul>")
        row("Signature kind", "\(HTML.escape(core.profile.rawValue)) · \(HTML.escape(qualificationForPeople))")
        if !signature.claimedRoles.isEmpty { row("Role", HTML.escape(signature.claimedRoles.joined(separator: ", "))) }
        if let place = signature.productionPlace?.summary, !place.isEmpty { row("Place", HTML.escape(place)) }
        row("Verdict", "<strong>\(indication.rawValue)</strong>\(subIndication.map { " / \($0.rawValue)" } ?? "")")
        html += "</dl><div class=\"why \(kind)\">\(HTML.escape(PlainWords.explanation(indication, subIndication)))"
        // Constraint failures restate the findings they were judged from; show the findings.
        let restated = Set(blocks.map { $0.name + "." })
        let reasons = findings.filter { finding in finding.level == .error && !restated.contains { finding.key.hasPrefix($0) } }.prefix(5)
        if indication != .totalPassed, !reasons.isEmpty {
            html += "<ul>" + reasons.map { "<li>\(HTML.escape($0.message))</li>" }.joined() + "</ul>"
        }
        let warnings = findings.filter { $0.level == .warning }
        if !warnings.isEmpty {
            html += "<p class=\"small\">Warnings:</p><ul class=\"warnings small\">" + warnings.map { "<li>\(HTML.escape($0.message))</li>" }.joined() + "</ul>"
        }
        html += "</div>" + timelineSVG()
        if let chain = context.signerChain?.chain, !chain.isEmpty {
            html += "<details><summary>Certificate chain (\(chain.count))</summary><ol class=\"chain\">"
            for element in chain {
                let certificate = element.certificate
                html += "<li><strong>\(HTML.escape(certificate.subject))</strong><br><span class=\"small\">issued by \(HTML.escape(certificate.issuer))"
                    + " · serial \(HTML.escape(certificate.serialDecimal)) · valid \(ISOTime.format(certificate.notBefore).prefix(10)) – \(ISOTime.format(certificate.notAfter).prefix(10))"
                    + " · SHA-256 <code>\(certificate.sha256Hex.prefix(16))…</code>"
                    + (element.trustedBy.map { " · <strong>trusted by \(HTML.escape($0))</strong>" } ?? "") + "</span></li>"
            }
            html += "</ol></details>"
        }
        html += "<details><summary>Validation steps</summary><div class=\"wide\"><table><thead><tr><th>Step</th><th>Result</th><th>Checks</th></tr></thead><tbody>"
        for block in blocks {
            let checks = block.constraints.map { "\($0.passed ? "✓" : "✗") <code>\($0.key)</code> \(HTML.escape($0.message))" }.joined(separator: "<br>")
            html += "<tr><td>\(block.name)</td><td>\(block.status.rawValue)</td><td>\(checks)</td></tr>"
        }
        html += "</tbody></table></div></details></section>"
        return html
    }

    /// Claimed signing time, time-stamps, OCSP and archive time-stamps on one line.
    func timelineSVG() -> String {
        var events: [(time: Int64, label: String, color: String)] = []
        if let claimed = context.signature.signingTime.flatMap(ISOTime.parse) { events.append((claimed, "claimed signing", "#5f6368")) }
        for stamp in context.timestamps {
            guard let time = stamp.genTime else { continue }
            events.append((time, stamp.kind == .archive ? "archive time-stamp" : "time-stamp", stamp.isValid ? "#1b7f3b" : "#b3261e"))
        }
        for evidence in context.revocation {
            guard let time = evidence.producedAt else { continue }
            let label = evidence.source == .crl ? "CRL" : (context.isTimeMark ? "OCSP time-mark" : "OCSP")
            events.append((time, label, evidence.isAcceptable ? "#1b7f3b" : "#b3261e"))
        }
        guard !events.isEmpty else { return "" }
        events.sort { $0.time < $1.time }
        let first = events.first!.time, last = events.last!.time
        let span = Double(max(last - first, 1))
        let width = 900.0, left = 60.0, right = 60.0
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(40 + events.count * 18)\" width=\"100%\" role=\"img\" aria-label=\"Timeline\">"
        svg += "<line x1=\"\(left)\" y1=\"20\" x2=\"\(width - right)\" y2=\"20\" stroke=\"#d9dce1\" stroke-width=\"2\"/>"
        for (index, event) in events.enumerated() {
            let x = events.count == 1 ? width / 2 : left + (width - left - right) * Double(event.time - first) / span
            let y = 40 + index * 18
            svg += "<circle cx=\"\(Int(x))\" cy=\"20\" r=\"6\" fill=\"\(event.color)\"/>"
            svg += "<line x1=\"\(Int(x))\" y1=\"26\" x2=\"\(Int(x))\" y2=\"\(y - 10)\" stroke=\"\(event.color)\" stroke-dasharray=\"2 2\"/>"
            let anchor = x > width / 2 ? "end" : "start"
            svg += "<text x=\"\(Int(x))\" y=\"\(y)\" text-anchor=\"\(anchor)\">\(HTML.escape(event.label)) · \(ISOTime.format(event.time))</text>"
        }
        return svg + "</svg>"
    }
}

extension TokenValidation {
    func htmlCard(index: Int) -> String {
        let badge = indication == .totalPassed ? "b-ok" : (indication == .totalFailed ? "b-bad" : "b-warn")
        return "<section class=\"card\"><h2>Time-stamp T\(index) <span class=\"badge \(badge)\">\(indication.rawValue)</span></h2><dl>"
            + "<dt>Token</dt><dd>\(HTML.escape(token.file))</dd><dt>Covers</dt><dd>\(HTML.escape(token.covered ?? "nothing"))</dd>"
            + "<dt>Time</dt><dd>\(token.genTime.map(ISOTime.format) ?? "unknown")</dd>"
            + "<dt>Time-stamping authority</dt><dd>\(HTML.escape(token.tsa?.subject ?? "unknown"))</dd></dl>"
            + "<div class=\"why\">\(HTML.escape(PlainWords.explanation(indication, subIndication)))</div></section>"
    }
}
