import Findings
import PKI
import XAdES

extension CoreResult {
    /// The trust-free part of the contract's `signatures[]` item.
    public var json: JSON {
        let signature = self.signature
        return .object([
            ("id", .string(signature.label)),
            ("signatureFile", .string(signature.file)),
            ("format", .string(profile.rawValue)),
            ("profileName", .string(Profile.ecosystemName(signature))),
            ("signedBy", .string(signer.map(SignerName.display))),
            ("signerCertificate", signer.map(\.json) ?? .null),
            ("claimedSigningTime", .string(signature.signingTime)),
            ("signatureMethod", .string(signatureAlgorithm?.name ?? signature.signatureMethod)),
            ("references", .array(references.map { reference in
                .object([
                    ("uri", .string(reference.uri)),
                    ("kind", .string(reference.kind.rawValue)),
                    ("digestAlgorithm", .string(reference.digestAlgorithm)),
                    ("found", .bool(reference.found)),
                    ("intact", .bool(reference.intact)),
                ])
            })),
            ("signatureIntact", signatureIntact.map(JSON.bool) ?? .null),
            ("crypto", .string(crypto.rawValue)),
            ("signerRoles", .array(signature.claimedRoles.map(JSON.string))),
            ("productionPlace", .string(signature.productionPlace?.summary)),
            ("policy", signature.policy.map { policy in
                .object([("identifier", .string(policy.oid)), ("spuri", .string(policy.spuri)), ("implied", .bool(policy.implied))])
            } ?? .null),
            ("signatureTimeStamps", .int(signature.unsigned.signatureTimeStamps.count)),
            ("archiveTimeStamps", .int(signature.unsigned.archiveTimeStamps.count)),
            ("ocspResponses", .int(signature.unsigned.ocspValues.count)),
            ("findings", .array(findings.map(\.json))),
        ])
    }
}

extension Certificate {
    /// `{"subject","issuer","serial","sha256","notBefore","notAfter"}`.
    public var json: JSON {
        .object([
            ("subject", .string(subject)),
            ("issuer", .string(issuer)),
            ("serial", .string(serialDecimal)),
            ("sha256", .string(sha256Hex)),
            ("notBefore", .string(ISOTime.format(notBefore))),
            ("notAfter", .string(ISOTime.format(notAfter))),
        ])
    }
}

/// Who signed, for people: the CN, with the personal code or organisation when the CN lacks it.
enum SignerName {
    static func display(_ certificate: Certificate) -> String {
        let cn = certificate.subjectAttribute("CN") ?? certificate.subject
        if let serial = certificate.subjectAttribute("serialNumber"), !cn.contains(serial.split(separator: "-").last.map(String.init) ?? serial) {
            return "\(cn) (\(serial))"
        }
        return cn
    }
}

/// ISO 8601 UTC formatting without Foundation.
enum ISOTime {
    static func format(_ epoch: Int64) -> String {
        var days = epoch >= 0 ? epoch / 86_400 : (epoch - 86_399) / 86_400
        let seconds = epoch - days * 86_400
        // Civil-from-days (Howard Hinnant).
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let doe = days - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))Z"
    }
}
