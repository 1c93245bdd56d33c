import Findings
import PKI

/// Issuer names as DDOC signers wrote them in `X509IssuerName`: RFC 2253 (`CN=…,O=…,C=EE`) or
/// OpenSSL's slash form (`/C=EE/O=…/CN=…`), compared with a certificate's as sets of attributes.
enum DistinguishedName {
    static func attributes(_ text: String) -> Set<String> {
        let trimmed = text.trimmingWhitespace
        var parts: [String] = []
        // The slash form, with or without its leading slash (`C=EE/O=…/CN=…`).
        if trimmed.hasPrefix("/") || (trimmed.contains("/") && !trimmed.contains(",")) {
            parts = trimmed.split(separator: "/").map(String.init)
        } else {
            var current = ""
            var escaped = false
            for character in trimmed {
                if escaped {
                    current.append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "," || character == "+" || character == ";" {
                    parts.append(current)
                    current = ""
                } else {
                    current.append(character)
                }
            }
            parts.append(current)
        }
        return Set(parts.compactMap { part in
            guard let equals = part.firstIndex(of: "=") else { return nil }
            return normalized(type: String(part[..<equals])) + "=" + value(part[part.index(after: equals)...].trimmingWhitespace)
        })
    }

    static func attributes(of pairs: [(type: String, value: String)]) -> Set<String> {
        Set(pairs.map { normalized(type: $0.type) + "=" + $0.value.trimmingWhitespace })
    }

    /// RFC 2253 `#hex` values are the attribute's DER: its string content.
    private static func value(_ text: String) -> String {
        guard text.hasPrefix("#"), text.count % 2 == 1 else { return text }
        var bytes: [UInt8] = []
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return text }
            bytes.append(byte)
            index = next
        }
        guard let der = DER(bytes), !der.isConstructed else { return text }
        return String(decoding: der.content, as: UTF8.self)
    }

    private static func normalized(type: String) -> String {
        let upper = type.trimmingWhitespace.uppercased()
        switch upper {
        case "E", "EMAIL", "EMAILADDRESS", "1.2.840.113549.1.9.1", "OID.1.2.840.113549.1.9.1": return "EMAILADDRESS"
        case "S", "ST", "STATEORPROVINCENAME": return "ST"
        case "SERIALNUMBER", "2.5.4.5", "OID.2.5.4.5": return "SERIALNUMBER"
        case "2.5.4.97", "OID.2.5.4.97", "ORGANIZATIONIDENTIFIER": return "ORGANIZATIONIDENTIFIER"
        default: return upper
        }
    }
}
