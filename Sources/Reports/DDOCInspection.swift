#if canImport(Glibc)
import Glibc
#endif
import DDOC
import Findings
import PKI

/// `asic inspect` of a DDOC: its structure and what can be checked without trusting anyone
/// (every digest, the signature values, the time-mark's binding to them); trust questions are
/// left to `validate`.
public struct DDOCInspection: Sendable {
    public let report: DDOCReport
    let contents: [Content]

    /// What an embedded data file decodes to (nothing for HASHCODE).
    struct Content: Sendable {
        let size: Int?
        let sha256: String?
    }

    /// Findings that need trust in someone, which inspect does not judge.
    static let trustKeys: Set<String> = ["ddoc.signer-not-trusted", "ddoc.ocsp-responder", "ddoc.ocsp-unknown-ca", "ddoc.ocsp-signature",
                                         "ddoc.ocsp-other-certificate", "ddoc.signer-expired", "ddoc.ocsp-revoked", "ddoc.ocsp-unknown",
                                         "ddoc.responder-digest", "ddoc.responder-serial"]

    public static func make(path: String, shown: String? = nil) -> DDOCInspection {
        let now = Int64(time(nil))
        do {
            let (bytes, streamed) = try DDOCValidator.load(path: path, decodeContent: true)
            let file = try DigiDocFile.parse(bytes, streamed: streamed)
            let validation = DDOCValidator(trust: DDOCTrust(certificates: [], source: "none (inspect)")).validate(file)
            let contents = file.dataFiles.map { dataFile in
                if let streamed = dataFile.streamed { return Content(size: streamed.contentSize, sha256: streamed.contentSHA256?.hexString) }
                return Content(size: dataFile.content?.count, sha256: dataFile.content.map { Digest.hash($0, .sha256).hexString })
            }
            return DDOCInspection(report: DDOCReport(file: shown ?? path, validation: validation, error: nil, validationTime: now), contents: contents)
        } catch {
            return DDOCInspection(report: DDOCReport(file: shown ?? path, validation: nil, error: error, validationTime: now), contents: [])
        }
    }

    public var error: DDOCRejection? { report.error }

    /// Every digest matched and every signature value verified.
    public var isIntact: Bool {
        (report.validation?.signatures ?? []).allSatisfy { $0.blockStatus("CV") == "PASSED" }
    }

    func findings(_ signature: DDOCSignatureResult) -> [Finding] {
        signature.findings.filter { !Self.trustKeys.contains($0.key) }
    }

    public func text(style: TextStyle = .plain) -> String {
        guard let validation = report.validation else {
            return style.bad("✗") + " \(report.file.terminalSafe): not processable: \((error?.message ?? "").terminalSafe) [\(error?.key ?? "")]\n"
        }
        var lines = [style.bold(report.file), "  DDOC \(validation.format.family.rawValue) \(validation.format.version), \(validation.dataFiles.count) data file\(validation.dataFiles.count == 1 ? "" : "s"), \(validation.signatures.count) signature\(validation.signatures.count == 1 ? "" : "s")", "", "Data files", "  id    size      mime type / name / SHA-256"]
        for (index, dataFile) in validation.dataFiles.enumerated() {
            let content = index < contents.count ? contents[index] : Content(size: nil, sha256: nil)
            let size = dataFile.hashcode ? "hashcode" : content.size.map(String.init) ?? "?"
            lines.append("  \(dataFile.id.terminalSafe.padding(5)) \(size.padding(9)) \(dataFile.mimeType.terminalSafe) \(dataFile.name.terminalSafe)")
            if let sha = content.sha256 { lines.append("                  sha256 \(sha)") }
        }
        for signature in validation.signatures {
            lines.append("")
            let intact = signature.blockStatus("CV") == "PASSED"
            lines.append("Signature \(signature.id.terminalSafe)  " + (intact ? style.good("intact") : style.bad("NOT INTACT")))
            lines.append("  signer       \((signature.signer.map(SignerName.display) ?? "unknown").terminalSafe)")
            lines.append("  claimed time \(signature.claimedSigningTime.map(ISOTime.format) ?? "none")")
            lines.append("  time-mark    \(signature.bestSignatureTime.map(ISOTime.format) ?? "none")" + (signature.responder.flatMap { $0.subjectAttribute("CN") }.map { " by \($0.terminalSafe)" } ?? ""))
            for reference in signature.references {
                lines.append("  reference    \(reference.uri.terminalSafe)  \(reference.found ? (reference.intact ? "intact" : "CHANGED") : "MISSING")")
            }
            for finding in findings(signature) { lines.append("  \(finding.level.rawValue) \(finding.message.terminalSafe) [\(finding.key)]") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public var json: JSON {
        guard let validation = report.validation else {
            return .object([("file", .string(report.file)), ("processable", .bool(false)),
                            ("error", .object([("key", .string(error?.key)), ("message", .string(error?.message))]))])
        }
        return .object([
            ("file", .string(report.file)),
            ("processable", .bool(true)),
            ("containerType", .string("DDOC")),
            ("ddocFormat", .string(validation.format.family.rawValue + " " + validation.format.version)),
            ("intact", .bool(isIntact)),
            ("dataFiles", .array(validation.dataFiles.enumerated().map { index, dataFile in dataFileJSON(index, dataFile) })),
            ("signatures", .array(validation.signatures.map(signatureJSON))),
        ])
    }

    private func dataFileJSON(_ index: Int, _ dataFile: (id: String, name: String, mimeType: String, hashcode: Bool)) -> JSON {
        let content = index < contents.count ? contents[index] : Content(size: nil, sha256: nil)
        return .object([("id", .string(dataFile.id)), ("name", .string(dataFile.name)), ("mimeType", .string(dataFile.mimeType)),
                        ("hashcode", .bool(dataFile.hashcode)), ("size", content.size.map { JSON.int($0) } ?? .null), ("sha256", .string(content.sha256))])
    }

    private func signatureJSON(_ signature: DDOCSignatureResult) -> JSON {
        let references: [JSON] = signature.references.map { reference in
            .object([("uri", .string(reference.uri)), ("found", .bool(reference.found)), ("intact", .bool(reference.intact))])
        }
        return .object([("id", .string(signature.id)), ("signedBy", .string(signature.signer.map(SignerName.display))),
                        ("claimedSigningTime", .string(signature.claimedSigningTime.map(ISOTime.format))),
                        ("timeMark", .string(signature.bestSignatureTime.map(ISOTime.format))),
                        ("intact", .bool(signature.blockStatus("CV") == "PASSED")),
                        ("references", .array(references)),
                        ("findings", .array(findings(signature).map(\.json)))])
    }
}
