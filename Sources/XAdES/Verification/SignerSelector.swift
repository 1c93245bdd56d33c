import Findings
import PKI

/// Picks the signer certificate the way the key-substitution defence demands: the KeyInfo
/// certificate whose digest equals a SigningCertificate(V2) CertDigest (XAdES baseline B and
/// libdigidocpp put the signer in KeyInfo; a match found only among the unsigned
/// CertificateValues is not accepted). The signature is then verified with that key only.
struct SignerSelector {
    let signature: XAdESSignature

    struct Selection {
        let certificate: Certificate?
        let identification: SignerIdentification
        let pool: [Certificate]
        let findings: [Finding]
    }

    func select() -> Selection {
        var findings: [Finding] = []
        let label = signature.label
        var seen = Set<HashedBytes>()
        var pool: [Certificate] = []
        // Each certificate is hashed and parsed once; KeyInfo's own are remembered apart, since
        // only they may be the signer.
        let keyInfoKeys = signature.keyInfoCertificates.map(HashedBytes.init(der:))
        let keyInfoDER = Set(keyInfoKeys)
        var keyInfo: [Certificate] = []
        var first: Certificate?
        let others = (signature.unsigned.certificateValues + signature.unsigned.validationDataCertificates).map(HashedBytes.init(der:))
        for key in keyInfoKeys + others where seen.insert(key).inserted {
            if let certificate = Certificate(hashed: key) {
                pool.append(certificate)
                if keyInfoDER.contains(key) { keyInfo.append(certificate) }
                if let firstKey = keyInfoKeys.first, key == firstKey { first = certificate }
            } else {
                findings.append(.warning("xades.certificate.unreadable", "a certificate in the signature cannot be parsed", subject: label))
            }
        }
        guard !signature.signingCertificates.isEmpty else {
            // Without a signed reference, fall back to the first KeyInfo certificate, as libdigidocpp does.
            if first != nil {
                findings.append(.defect(SignatureDefect.signingCertificateUnbound, .warning,
                                         "the signer certificate is not bound by a SigningCertificate reference; the first KeyInfo certificate is used",
                                         subject: label))
            } else {
                findings.append(.defect(SignatureDefect.signingCertificateNotFound, .error, "no signer certificate in the signature", subject: label))
            }
            return Selection(certificate: first, identification: first == nil ? .none : .unboundKeyInfo, pool: pool, findings: findings)
        }
        for reference in signature.signingCertificates {
            guard let algorithm = reference.digestAlgorithm, let expected = reference.digestValue else { continue }
            guard let match = keyInfo.first(where: { $0.digest(algorithm) == expected }) else {
                if pool.contains(where: { $0.digest(algorithm) == expected }) {
                    findings.append(.defect(SignatureDefect.signingCertificateNotInKeyInfo, .error,
                                            "the certificate the SigningCertificate digest names is not in KeyInfo (only among the unsigned certificate values)",
                                            subject: label))
                }
                continue
            }
            findings += IssuerSerialCheck(reference: reference, certificate: match, label: label).findings()
            if algorithm == .sha1 {
                findings.append(.info("xades.signing-certificate.sha1", "the signer certificate digest uses SHA-1", subject: label))
            }
            return Selection(certificate: match, identification: .signedDigest, pool: pool, findings: findings)
        }
        if signature.signingCertificates.allSatisfy({ $0.digestAlgorithm == nil }) {
            findings.append(.defect(SignatureDefect.signingCertificateDigestAlgorithm, .error,
                                   "the SigningCertificate digest algorithm is unknown", subject: label))
        }
        findings.append(.defect(SignatureDefect.signingCertificateNotFound, .error,
                               pool.isEmpty ? "the signature carries no certificate"
                                   : "no certificate in the signature matches the signed SigningCertificate digest",
                               subject: label))
        return Selection(certificate: nil, identification: .none, pool: pool, findings: findings)
    }
}

/// IssuerSerial (v1: RFC 4514 name + decimal serial) or IssuerSerialV2 (DER) against the chosen
/// certificate. DSS and digidoc4j warn on a mismatch (`IssuerSerialMatch`); so do we.
struct IssuerSerialCheck {
    let reference: SigningCertificateReference
    let certificate: Certificate
    let label: String

    /// Attribute types compared, as libdigidocpp does; others (organizationIdentifier, email)
    /// are written too differently across signers to compare.
    private static let compared: Set<String> = ["CN", "L", "ST", "O", "OU", "C", "STREET", "DC", "UID"]
    private static let oidNames = ["2.5.4.3": "CN", "2.5.4.7": "L", "2.5.4.8": "ST", "2.5.4.10": "O", "2.5.4.11": "OU",
                                   "2.5.4.6": "C", "2.5.4.9": "STREET", "0.9.2342.19200300.100.1.25": "DC",
                                   "0.9.2342.19200300.100.1.1": "UID"]

    func findings() -> [Finding] {
        switch reference.version {
        case .v1:
            guard let name = reference.issuerName, let serial = reference.serialNumber else { return [] }
            var findings: [Finding] = []
            if !certificate.serialMatches(serial) {
                findings.append(.defect(SignatureDefect.issuerSerialNumberMismatch, .warning,
                                         "IssuerSerial serial \(serial) is not the signer certificate's (\(certificate.serialDecimal))", subject: label))
            }
            if !namesMatch(name) {
                findings.append(.defect(SignatureDefect.issuerNameMismatch, .warning,
                                         "IssuerSerial names issuer \"\(name)\", the certificate's is \"\(certificate.issuer)\"", subject: label))
            }
            return findings
        case .v2:
            guard let der = reference.issuerSerialV2 else { return [] }
            guard let outer = DER(der)?.children, outer.count >= 2,
                  let names = outer[0].children, let directory = names.first(where: { $0.tag == 0xA4 }),
                  let name = directory.children?.first, outer[1].tag == 0x02 else {
                return [.defect(SignatureDefect.issuerSerialV2Mismatch, .warning, "IssuerSerialV2 is not a DER IssuerSerial", subject: label)]
            }
            let serial = Array(outer[1].content.drop { $0 == 0 })
            if name.encoded != certificate.issuerNameDER || serial != certificate.serialBytes {
                return [.defect(SignatureDefect.issuerSerialV2Mismatch, .warning,
                                 "IssuerSerialV2 does not name the signer certificate's issuer and serial", subject: label)]
            }
            return []
        }
    }

    private func namesMatch(_ text: String) -> Bool {
        let claimed = Self.parse(text).filter { Self.compared.contains($0.type) }
        let actual = certificate.issuerAttributes.map { (type: $0.type.uppercased(), value: $0.value) }
            .filter { Self.compared.contains($0.type) }
        func key(_ pairs: [(type: String, value: String)]) -> [String] { pairs.map { $0.type + "=" + $0.value }.sorted() }
        return key(claimed) == key(actual)
    }

    /// RFC 4514: `type=value` pairs split on unescaped `,` `;` `+`, with `\c` and `\XX` escapes.
    static func parse(_ text: String) -> [(type: String, value: String)] {
        var pairs: [(type: String, value: String)] = []
        var current: [UInt8] = []
        var parts: [[UInt8]] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                if index + 2 < bytes.count, let high = bytes[index + 1].hexDigitValue, let low = bytes[index + 2].hexDigitValue {
                    current.append(high << 4 | low)
                    index += 3
                } else {
                    current.append(bytes[index + 1])
                    index += 2
                }
                continue
            }
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "+") {
                parts.append(current)
                current = []
            } else {
                current.append(byte)
            }
            index += 1
        }
        parts.append(current)
        for part in parts {
            guard let equals = part.firstIndex(of: UInt8(ascii: "=")) else { continue }
            let type = String(decoding: part[..<equals], as: UTF8.self).trimmingWhitespace.uppercased()
            let value = String(decoding: part[(equals + 1)...], as: UTF8.self).trimmingWhitespace
            let name = type.hasPrefix("OID.") ? String(type.dropFirst(4)) : type
            pairs.append((oidNames[name] ?? name, value))
        }
        return pairs
    }
}
