import DDOC
import Findings
import PKI

/// The report of one DDOC file in every format, shaped like a container's: the same verdict
/// words, exit codes and JSON fields (`containerType` "DDOC", signature `format`
/// `DIGIDOC_XML_1.3` …), with SiVa's error and warning texts as the findings' messages.
public struct DDOCReport: Sendable {
    public let file: String
    public let validation: DDOCValidation?
    public let error: DDOCRejection?
    public let validationTime: Int64

    public init(file: String, validation: DDOCValidation?, error: DDOCRejection?, validationTime: Int64) {
        self.file = file
        self.validation = validation
        self.error = error
        self.validationTime = validationTime
    }

    /// PASSED, FAILED, NO-SIGNATURE or NOT-PROCESSABLE (DDOC signatures are never INDETERMINATE).
    public var verdict: String {
        guard let validation else { return "NOT-PROCESSABLE" }
        return validation.verdict.rawValue
    }

    /// The contract's exit code: 0 passed, 1 failed or no signature, 3 not processable.
    public var exitCode: Int32 {
        switch verdict {
        case "PASSED": 0
        case "NOT-PROCESSABLE": 3
        default: 1
        }
    }

    var reasons: [String] {
        guard let validation else { return error.map { [$0.message] } ?? [] }
        if validation.signatures.isEmpty { return ["the file holds no signature"] }
        return validation.signatures.filter { !$0.passed }.map { "signature \($0.id) failed: " + $0.errors.map(\.message).joined(separator: "; ") }
    }

    public var summaryEntry: BatchSummary.Entry {
        let signatures = validation?.signatures ?? []
        return BatchSummary.Entry(verdict: verdict, subIndications: [],
                                  row: BatchSummary.row([file, verdict, signatures.map(\.indication).joined(separator: ", "),
                                                         signatures.map { $0.signer.map(SignerName.display) ?? "unknown" }.joined(separator: "; "),
                                                         reasons.first ?? ""]))
    }

    /// CV: digests and the signature value; ISC: the signing certificate reference; XCV: the
    /// signer's CA, validity and status; SAV: the time-mark's binding; FC: the rest of the format.
    static func block(of key: String) -> String {
        switch key {
        case "ddoc.datafile-digest", "ddoc.signedproperties-digest", "ddoc.signature-value", "ddoc.missing-datafile", "ddoc.reference-digest",
             "ddoc.mime-digest", "ddoc.signature-method": "CV"
        case "ddoc.signing-certificate-digest", "ddoc.signing-certificate-issuer", "ddoc.signing-certificate", "ddoc.signer-certificate": "ISC"
        case "ddoc.signer-not-trusted", "ddoc.signer-expired", "ddoc.ocsp-revoked", "ddoc.ocsp-unknown", "ddoc.ocsp-responder",
             "ddoc.ocsp-signature", "ddoc.ocsp-other-certificate", "ddoc.ocsp-unknown-ca", "ddoc.ocsp-missing", "ddoc.ocsp-empty", "ddoc.ocsp-malformed": "XCV"
        case "ddoc.ocsp-nonce", "ddoc.ocsp-ref-digest", "ddoc.ocsp-ref-time", "ddoc.ocsp-ref-missing", "ddoc.responder-digest",
             "ddoc.responder-serial", "ddoc.responder-ref-missing", "ddoc.responder-cert", "ddoc.non-repudiation", "ddoc.ocsp-count", "ddoc.ocsp-time",
             "ddoc.ocsp-unreadable": "SAV"
        default: "FC"
        }
    }
}

extension DDOCSignatureResult {
    var findings: [Finding] { errors + warnings }

    func blockStatus(_ name: String) -> String {
        errors.contains { DDOCReport.block(of: $0.key) == name } ? "FAILED" : "PASSED"
    }
}
