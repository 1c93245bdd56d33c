import DDOC
import Findings
import PKI
import Validation

extension DDOCReport {
    // MARK: text

    /// One screen: the verdict, a line per signature with SiVa's errors and warnings below it.
    public func text(style: TextStyle = .plain, verbose: Bool = false) -> String {
        guard let validation else {
            return style.bad("✗") + " \(file.terminalSafe): NOT-PROCESSABLE: \((error?.message ?? "unknown error").terminalSafe) [\(error?.key ?? "")]\n"
        }
        let banner = switch verdict {
        case "PASSED": style.good("✓ PASSED")
        default: style.bad("✗ \(verdict)")
        }
        var lines = [banner + "  " + style.bold(file)]
        for reason in reasons.prefix(verbose ? .max : 6) { lines.append("    " + reason.terminalSafe) }
        let files = validation.dataFiles.count
        lines.append("  DDOC \(validation.format.family.rawValue) \(validation.format.version), \(files) data file\(files == 1 ? "" : "s"), trust: \(validation.trustSource), validated as of \(ISOTime.format(validationTime))")
        for signature in validation.signatures {
            lines.append("")
            lines += Self.lines(signature, style: style, verbose: verbose)
        }
        if !validation.containerWarnings.isEmpty {
            lines.append("")
            lines.append(style.bold("Container"))
            for finding in validation.containerWarnings { lines.append("  \(finding.level.rawValue) \(finding.message.terminalSafe) [\(finding.key)]") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A signature's verdict line, then its errors and warnings, each line after `indent`.
    static func lines(_ signature: DDOCSignatureResult, style: TextStyle, verbose: Bool, indent: String = "") -> [String] {
        let mark = signature.passed ? style.good("✓") : style.bad("✗")
        let who = signature.signer.map(SignerName.display) ?? "unknown signer"
        let when = signature.bestSignatureTime.map { ISOTime.format($0) + " (time-mark)" }
            ?? signature.claimedSigningTime.map { ISOTime.format($0) + " (claimed)" } ?? "unknown time"
        var lines = ["  \(mark) \(style.bold(who))  \(when)  \(signature.signatureFormat)  \(signature.indication)"]
        lines.append("      signature \(signature.id.terminalSafe)" + (signature.responder.flatMap { $0.subjectAttribute("CN") }.map { ", time-mark by \($0.terminalSafe)" } ?? ""))
        for finding in (verbose ? signature.errors : Array(signature.errors.prefix(6))) { lines.append("      - " + style.bad(finding.message)) }
        for finding in (verbose ? signature.warnings : Array(signature.warnings.prefix(6))) { lines.append("      - " + style.warn(finding.message)) }
        return lines.map { indent + $0 }
    }

    // MARK: JSON

    public var json: JSON {
        let signatures = validation?.signatures ?? []
        return .object([
            ("file", .string(file)),
            ("containerType", validation == nil ? .null : .string("DDOC")),
            ("processable", .bool(validation != nil)),
            ("error", error.map { .object([("key", .string($0.key)), ("message", .string($0.message))]) } ?? .null),
            ("validationTime", .string(ISOTime.format(validationTime))),
            ("policy", .object([("name", .string("ddoc")), ("description", .string("DDOC as SiVa validates it: SK certificates trusted directly, an OCSP time-mark per signature"))])),
            ("verdict", .string(verdict)),
            ("verdictReasons", .array(verdict == "PASSED" ? [] : reasons.map(JSON.string))),
            ("signaturesCount", .int(signatures.count)),
            ("validSignaturesCount", .int(signatures.filter(\.passed).count)),
            ("containerFindings", .array((validation?.containerWarnings ?? []).map(\.json))),
            ("ddocFormat", validation.map { .string($0.format.family.rawValue + " " + $0.format.version) } ?? .null),
            ("dataFiles", .array((validation?.dataFiles ?? []).map { file in
                .object([("id", .string(file.id)), ("name", .string(file.name)), ("mimeType", .string(file.mimeType)), ("hashcode", .bool(file.hashcode))])
            })),
            ("signatures", .array(signatures.map(\.json))),
        ])
    }

    // MARK: HTML

    public func html(generator: String = "asic") -> String {
        let kind = verdict == "PASSED" ? "ok" : "bad"
        var body = "<header class=\"banner \(kind)\">\(HTML.icon(kind))<div><h1>\(HTML.escape(verdict))</h1><p>\(HTML.escape(file))</p></div></header><main>"
        if let validation {
            body += "<section class=\"card\"><h2>DDOC</h2><dl><dt>Format</dt><dd>\(HTML.escape(validation.format.family.rawValue + " " + validation.format.version))</dd>"
            body += "<dt>Trust</dt><dd>\(HTML.escape(validation.trustSource))</dd><dt>Validated as of</dt><dd>\(ISOTime.format(validationTime))</dd>"
            body += "<dt>Data files</dt><dd><ul class=\"files\">" + validation.dataFiles.map { "<li>\(HTML.escape($0.name)) <span class=\"small\">\(HTML.escape($0.mimeType))</span></li>" }.joined() + "</ul></dd></dl>"
            if !validation.containerWarnings.isEmpty {
                body += "<ul class=\"warnings\">" + validation.containerWarnings.map { "<li>\(HTML.escape($0.message))</li>" }.joined() + "</ul>"
            }
            body += "</section>"
            for signature in validation.signatures { body += Self.htmlCard(signature) }
        } else {
            body += "<section class=\"card\"><h2>Not processable</h2><div class=\"why bad\">\(HTML.escape(error?.message ?? "unknown error"))</div></section>"
        }
        body += "</main><footer>\(HTML.escape(generator))</footer>"
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
            + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
            + "<title>\(HTML.escape(verdict)) — \(HTML.escape(file))</title><style>\(HTML.style)</style></head><body>\(body)</body></html>\n"
    }

    /// The cards of a DDOC wrapped in a time-stamped ASiC-S, for the container's page.
    static func htmlCards(wrapped: WrappedDDOC) -> String {
        var body = "<section class=\"card\"><h2>Wrapped DDOC \(HTML.escape(wrapped.name))</h2><dl>"
        body += "<dt>Proven to exist at</dt><dd>\(wrapped.provenAt.map(ISOTime.format) ?? "not proven by a valid time-stamp")</dd>"
        if let validation = wrapped.validation {
            body += "<dt>Format</dt><dd>\(HTML.escape(validation.format.family.rawValue + " " + validation.format.version))</dd><dt>Trust</dt><dd>\(HTML.escape(validation.trustSource))</dd></dl></section>"
            for signature in validation.signatures { body += htmlCard(signature) }
        } else {
            body += "</dl><div class=\"why bad\">Not a DDOC that can be validated: \(HTML.escape(wrapped.rejection?.message ?? ""))</div></section>"
        }
        return body
    }

    /// One DDOC signature: signer and verdict, its time-mark, SiVa's errors and warnings.
    static func htmlCard(_ signature: DDOCSignatureResult) -> String {
        let badge = signature.passed ? "<span class=\"badge b-ok\">TOTAL-PASSED</span>" : "<span class=\"badge b-bad\">TOTAL-FAILED</span>"
        var body = "<section class=\"card\"><h2>\(HTML.escape(signature.signer.map(SignerName.display) ?? "unknown signer"))\(badge)</h2><dl>"
        body += "<dt>Signature</dt><dd>\(HTML.escape(signature.id)) (\(HTML.escape(signature.signatureFormat)))</dd>"
        body += "<dt>Time-mark</dt><dd>\(signature.bestSignatureTime.map(ISOTime.format) ?? "none")"
            + (signature.responder.flatMap { $0.subjectAttribute("CN") }.map { " by " + HTML.escape($0) } ?? "") + "</dd>"
        body += "<dt>Claimed signing time</dt><dd>\(signature.claimedSigningTime.map(ISOTime.format) ?? "none")</dd></dl>"
        for finding in signature.errors { body += "<div class=\"why bad\">\(HTML.escape(finding.message)) <code>\(HTML.escape(finding.key))</code></div>" }
        if !signature.warnings.isEmpty {
            body += "<ul class=\"warnings\">" + signature.warnings.map { "<li>\(HTML.escape($0.message))</li>" }.joined() + "</ul>"
        }
        return body + "</section>"
    }

    // MARK: ETSI

    /// TS 119 102-2 report: one SignatureValidationReport per signature, its signer certificate
    /// and time-mark OCSP responder as validation objects.
    public var etsiXML: String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<vr:ValidationReport xmlns:vr=\"http://uri.etsi.org/19102/v1.2.1#\" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">\n"
        for signature in validation?.signatures ?? [] {
            let main = signature.passed ? "total-passed" : "total-failed"
            xml += "  <vr:SignatureValidationReport>\n    <vr:SignatureIdentifier id=\"\(HTML.escape(signature.id))\"><vr:DAIdentifier>\(HTML.escape(signature.signatureFormat))</vr:DAIdentifier></vr:SignatureIdentifier>\n"
            xml += "    <vr:ValidationTimeInfo><vr:ValidationTime>\(ISOTime.format(validationTime))</vr:ValidationTime>"
            if let best = signature.bestSignatureTime { xml += "<vr:BestSignatureTime><vr:POETime>\(ISOTime.format(best))</vr:POETime><vr:TypeOfProof>urn:etsi:019102:poetype:validation</vr:TypeOfProof></vr:BestSignatureTime>" }
            xml += "</vr:ValidationTimeInfo>\n"
            if let signer = signature.signer {
                xml += "    <vr:SignerInformation><vr:Signer>\(HTML.escape(SignerName.display(signer)))</vr:Signer></vr:SignerInformation>\n"
            }
            xml += "    <vr:SignatureValidationStatus><vr:MainIndication>urn:etsi:019102:mainindication:\(main)</vr:MainIndication>"
            for finding in signature.findings {
                xml += "<vr:AssociatedValidationReportData><vr:AdditionalValidationReportData><vr:ReportData><vr:Type>\(HTML.escape(finding.key))</vr:Type><vr:Value>\(HTML.escape(finding.message))</vr:Value></vr:ReportData></vr:AdditionalValidationReportData></vr:AssociatedValidationReportData>"
            }
            xml += "</vr:SignatureValidationStatus>\n  </vr:SignatureValidationReport>\n"
        }
        xml += "  <vr:SignatureValidator><vr:DigitalId><ds:X509SubjectName>CN=asic</ds:X509SubjectName></vr:DigitalId></vr:SignatureValidator>\n"
        xml += "</vr:ValidationReport>\n"
        return xml
    }
}

extension DDOCSignatureResult {
    var json: JSON {
        .object([
            ("id", .string(id)),
            ("signatureFile", .null),
            ("format", .string(signatureFormat)),
            ("signatureForm", .string(signatureForm)),
            ("indication", .string(indication)),
            ("subIndication", .null),
            ("qualification", .string("N/A")),
            ("signedBy", .string(signer.map(SignerName.display))),
            ("signerCertificate", signer?.json ?? .null),
            ("claimedSigningTime", .string(claimedSigningTime.map(ISOTime.format))),
            ("bestSignatureTime", .string(bestSignatureTime.map(ISOTime.format))),
            ("blocks", .object(["FC", "ISC", "VCI", "XCV", "CV", "SAV"].map { ($0, .string(blockStatus($0))) })),
            ("references", .array(references.map { reference in
                .object([("uri", .string(reference.uri)), ("digestAlgorithm", .string("SHA-1")), ("found", .bool(reference.found)),
                         ("intact", .bool(reference.intact))])
            })),
            ("signatureIntact", .bool(!errors.contains { $0.key == "ddoc.signature-value" } && signer != nil)),
            ("timestamps", .array([])),
            ("revocation", .array(bestSignatureTime == nil ? [] : [.object([
                ("type", .string("OCSP")), ("producedAt", .string(bestSignatureTime.map(ISOTime.format))),
                ("status", .string(ocspStatus)), ("responder", .string(responder?.subject)), ("used", .bool(true)),
            ])])),
            ("findings", .array(findings.map(\.json))),
        ])
    }
}
