import Foundation
import PKI
import Reports
import Validation

/// SiVa's `POST /validate` body: `{document (base64), filename, signaturePolicy?, reportType?}`,
/// checked field by field with SiVa's error keys.
struct SiVaRequest {
    let document: [UInt8]
    let filename: String
    let policy: ValidationPolicy
    let sivaPolicy: SiVaReport.Policy
    let detailed: Bool

    static func parse(_ body: [UInt8]) throws(ServiceError) -> SiVaRequest {
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { throw invalid("request", "the body is not a JSON object") }
            object = parsed
        } catch let error as ServiceError {
            throw error
        } catch {
            throw invalid("request", "the body is not valid JSON")
        }
        guard let text = object["document"] as? String, !text.isEmpty else { throw invalid("document", "Document is not encoded in a valid base64 string") }
        guard let document = Base64.decode(text), !document.isEmpty else { throw invalid("document", "Document is not encoded in a valid base64 string") }
        guard let filename = object["filename"] as? String, !filename.isEmpty, filename.utf8.count <= 260,
              !filename.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "/" || $0 == "\\" }) else {
            throw invalid("filename", "Invalid filename. Can only be between 1 and 260 long and cannot contain path separators or control characters")
        }
        let policyName = object["signaturePolicy"] as? String ?? "POLv4"
        let policy: ValidationPolicy
        let sivaPolicy: SiVaReport.Policy
        switch policyName {
        case "POLv4", "": (policy, sivaPolicy) = (.ee, .polv4)
        case "POLv3": (policy, sivaPolicy) = (.eeAnyLevel, .polv3)
        default: throw invalid("signaturePolicy", "Invalid signature policy: \(policyName); Available abstractPolicies: [POLv3, POLv4]")
        }
        let detailed: Bool
        switch object["reportType"] as? String ?? "Simple" {
        case "Simple": detailed = false
        case "Detailed": detailed = true
        case "Diagnostic": throw invalid("reportType", "Diagnostic reports (DSS diagnostic data) are not offered; use Simple or Detailed")
        default: throw invalid("reportType", "Invalid report type; use Simple or Detailed")
        }
        return SiVaRequest(document: document, filename: filename, policy: policy, sivaPolicy: sivaPolicy, detailed: detailed)
    }

    static func invalid(_ key: String, _ message: String) -> ServiceError {
        ServiceError(.badRequest, key: key, message)
    }
}
