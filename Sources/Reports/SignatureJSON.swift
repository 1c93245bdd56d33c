import Findings
import PKI
import XAdES

extension ReferenceOutcome {
    /// One `references[]` item: what the reference points to and whether its digest holds.
    public var json: JSON {
        .object([
            ("uri", .string(uri)),
            ("kind", .string(kind.rawValue)),
            ("digestAlgorithm", .string(digestAlgorithm)),
            ("found", .bool(found)),
            ("intact", .bool(intact)),
        ])
    }
}

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
            ("references", .array(references.map(\.json))),
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
