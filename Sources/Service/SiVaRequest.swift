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
        let object = try object(body)
        guard let text = object["document"] as? String, !text.isEmpty else { throw invalid("document", "Document is not encoded in a valid base64 string") }
        guard let document = Base64.decode(text), !document.isEmpty else { throw invalid("document", "Document is not encoded in a valid base64 string") }
        guard let filename = object["filename"] as? String, acceptable(name: filename) else {
            throw invalid("filename", "Invalid filename. Can only be between 1 and 260 long and cannot contain path separators or control characters")
        }
        let (policy, sivaPolicy) = try policy(object)
        return SiVaRequest(document: document, filename: filename, policy: policy, sivaPolicy: sivaPolicy, detailed: try detailed(object))
    }

    /// The body as a JSON object.
    static func object(_ body: [UInt8]) throws(ServiceError) -> [String: Any] {
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { throw invalid("request", "the body is not a JSON object") }
            return parsed
        } catch let error as ServiceError {
            throw error
        } catch {
            throw invalid("request", "the body is not valid JSON")
        }
    }

    /// A name to show: 1–260 bytes, no path separator, no control character.
    static func acceptable(name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 260 && !name.unicodeScalars.contains { $0.value < 0x20 || $0 == "/" || $0 == "\\" }
    }

    /// An optional text field: absent or null is nil; any other type is refused (never read as
    /// the default).
    static func optionalString(_ object: [String: Any], _ key: String) throws(ServiceError) -> String? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let text = value as? String else { throw invalid(key, "\(key) must be a string") }
        return text
    }

    /// `signaturePolicy`: POLv4 (the default) or POLv3.
    static func policy(_ object: [String: Any]) throws(ServiceError) -> (ValidationPolicy, SiVaReport.Policy) {
        let name = try optionalString(object, "signaturePolicy") ?? "POLv4"
        switch name {
        case "POLv4", "": return (.ee, .polv4)
        case "POLv3": return (.eeAnyLevel, .polv3)
        default: throw invalid("signaturePolicy", "Invalid signature policy: \(name); Available abstractPolicies: [POLv3, POLv4]")
        }
    }

    /// `reportType`: Simple (the default) or Detailed.
    static func detailed(_ object: [String: Any]) throws(ServiceError) -> Bool {
        switch try optionalString(object, "reportType") ?? "Simple" {
        case "Simple": return false
        case "Detailed": return true
        case "Diagnostic": throw invalid("reportType", "Diagnostic reports (DSS diagnostic data) are not offered; use Simple or Detailed")
        default: throw invalid("reportType", "Invalid report type; use Simple or Detailed")
        }
    }

    static func invalid(_ key: String, _ message: String) -> ServiceError {
        ServiceError(.badRequest, key: key, message)
    }
}
