internal import COpenSSL

extension Certificate {
    /// DER content (extnValue) of the extension with this NID, nil when absent.
    func extensionValue(_ nid: Int32) -> [UInt8]? {
        let index = X509_get_ext_by_NID(x509, nid, -1)
        return index >= 0 ? PKI.extensionValue(X509_get_ext(x509, index)) : nil
    }

    /// The http URLs of the CRL distribution points (RFC 5280 §4.2.1.13: each point's fullName
    /// uniformResourceIdentifiers), in certificate order; LDAP and other schemes are left out.
    public var crlDistributionPointURLs: [String] {
        guard let value = extensionValue(NID_crl_distribution_points), let points = DER(value)?.children else { return [] }
        return points.flatMap { point -> [String] in
            // DistributionPoint { distributionPoint [0] { fullName [0] GeneralNames } }
            guard let name = point.children?.first(where: { $0.tag == 0xA0 }),
                  let fullName = name.children?.first(where: { $0.tag == 0xA0 }) else { return [] }
            return (fullName.children ?? []).filter { $0.tag == 0x86 }
                .map { String(decoding: $0.content, as: UTF8.self) }
                .filter { $0.lowercased().hasPrefix("http://") }
        }
    }

    /// The CRL distribution points (RFC 5280 §4.2.1.13), in certificate order; empty without the extension.
    public var crlDistributionPoints: [DistributionPoint] {
        guard let value = extensionValue(NID_crl_distribution_points), let points = DER(value)?.children else { return [] }
        return points.map { DistributionPoint($0.children ?? []) }
    }

    /// The DER-encoded names of the CRL issuers the distribution points delegate to (RFC 5280
    /// §4.2.1.13 cRLIssuer directoryName): who, besides the CA itself, may issue the (indirect) CRL
    /// that speaks for this certificate.
    public var crlIssuerNames: [[UInt8]] { crlDistributionPoints.flatMap(\.crlIssuers) }

    /// certificatePolicies OIDs.
    public var policyOIDs: [String] {
        guard let value = extensionValue(NID_certificate_policies), let policies = DER(value)?.children else { return [] }
        return policies.compactMap { $0.children?.first }.compactMap { $0.tag == 0x06 ? DER.oid($0.content) : nil }
    }

    /// QC statement OIDs (EN 319 412-5), e.g. `0.4.0.1862.1.1` QcCompliance, `.1.4` QcSSCD.
    public var qcStatements: [String] {
        qcStatementElements.compactMap { $0.first.flatMap { $0.tag == 0x06 ? DER.oid($0.content) : nil } }
    }

    /// QcType values (`0.4.0.1862.1.6.1` esign, `.2` eseal, `.3` web).
    public var qcTypes: [String] {
        qcStatementElements.filter { $0.first.map { DER.oid($0.content) } == "0.4.0.1862.1.6" }
            .compactMap { $0.count > 1 ? $0[1].children : nil }.flatMap { $0 }
            .compactMap { $0.tag == 0x06 ? DER.oid($0.content) : nil }
    }

    private var qcStatementElements: [[DER]] {
        guard let value = extensionValue(NID_qcStatements), let statements = DER(value)?.children else { return [] }
        return statements.compactMap(\.children)
    }

    /// Key usage bit names as trusted lists write them (`nonRepudiation`, `digitalSignature` …).
    public var keyUsageNames: Set<String> {
        guard X509_get_extension_flags(x509) & UInt32(EXFLAG_KUSAGE) != 0 else { return [] }
        let usage = X509_get_key_usage(x509)
        let names: [(UInt32, String)] = [
            (0x80, "digitalSignature"), (0x40, "nonRepudiation"), (0x20, "keyEncipherment"), (0x10, "dataEncipherment"),
            (0x08, "keyAgreement"), (0x04, "keyCertSign"), (0x02, "crlSign"), (0x01, "encipherOnly"), (0x8000, "decipherOnly"),
        ]
        return Set(names.filter { usage & $0.0 != 0 }.map(\.1))
    }

    /// extendedKeyUsage includes id-kp-OCSPSigning.
    public var isOCSPSigner: Bool {
        X509_get_extension_flags(x509) & UInt32(EXFLAG_XKUSAGE) != 0 && X509_get_extended_key_usage(x509) & UInt32(XKU_OCSP_SIGN) != 0
    }

    /// extendedKeyUsage includes id-kp-timeStamping.
    public var isTimeStampingSigner: Bool {
        X509_get_extension_flags(x509) & UInt32(EXFLAG_XKUSAGE) != 0 && X509_get_extended_key_usage(x509) & UInt32(XKU_TIMESTAMP) != 0
    }

    /// id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1): a delegated responder whose own revocation is not checked.
    public var hasOCSPNoCheck: Bool { extensionValue(NID_id_pkix_OCSP_noCheck) != nil }

    /// RFC 3161 §2.3: the extended key usage is exactly id-kp-timeStamping, marked critical.
    public var isStrictTimeStampingUnit: Bool {
        let index = X509_get_ext_by_NID(x509, NID_ext_key_usage, -1)
        guard index >= 0, let ext = X509_get_ext(x509, index), X509_EXTENSION_get_critical(ext) == 1,
              let value = extensionValue(NID_ext_key_usage), let purposes = DER(value)?.children else { return false }
        return purposes.count == 1 && purposes[0].tag == 0x06 && DER.oid(purposes[0].content) == "1.3.6.1.5.5.7.3.8"
    }

    /// True when `time` lies within notBefore…notAfter.
    public func isValid(at time: Int64) -> Bool { notBefore <= time && time <= notAfter }

    /// True for a CA certificate (basicConstraints cA).
    public var isCA: Bool { X509_check_ca(x509) > 0 }

    /// subjectKeyIdentifier bytes.
    public var subjectKeyIdentifier: [UInt8]? {
        guard let value = extensionValue(NID_subject_key_identifier), let octets = DER(value), octets.tag == 0x04 else { return nil }
        return octets.content
    }

    /// True when `issuer` may have issued this certificate: the names chain, the key identifiers
    /// agree and the issuer may sign certificates. The signature is not checked (`isIssued(by:)` does).
    public func mayBeIssued(by issuer: Certificate) -> Bool {
        defer { OpenSSLError.clear() }
        return X509_check_issued(issuer.x509, x509) == X509_V_OK
    }

    /// True when `issuer` issued this certificate (names chain, the issuer may sign certificates,
    /// and the signature verifies).
    public func isIssued(by issuer: Certificate) -> Bool {
        defer { OpenSSLError.clear() }
        // The naming and key-usage check is cheap and asked every time; only the signature,
        // a fact about the two encodings alone, is remembered (and learnt from verified chains).
        guard mayBeIssued(by: issuer) else { return false }
        return IssuanceCache.shared.answer(subject: self, issuer: issuer) { X509_verify(x509, X509_get0_pubkey(issuer.x509)) == 1 }
    }
}

extension DER {
    /// Dotted text of an OBJECT IDENTIFIER's content octets; nil when they are not a DER OID:
    /// empty, an arc that does not end (a last byte with its high bit set), an arc padded with a
    /// leading 0x80, or one beyond 64 bits. The first arc pair may take more than one byte
    /// (`2.999` is 88 37). Built as text directly: certificates' policy and QC statement OIDs
    /// are read for every signature.
    public static func oid(_ content: [UInt8]) -> String? {
        var text = ""
        var value: UInt64 = 0
        var inArc = false
        var firstPair = true
        for byte in content {
            if !inArc && byte == 0x80 { return nil }
            guard value >> 57 == 0 else { return nil }
            value = value << 7 | UInt64(byte & 0x7F)
            inArc = true
            guard byte & 0x80 == 0 else { continue }
            if firstPair {
                let top: UInt64 = value < 40 ? 0 : value < 80 ? 1 : 2
                text = String(top) + "." + String(value - top * 40)
                firstPair = false
            } else {
                text += "." + String(value)
            }
            value = 0
            inArc = false
        }
        return firstPair || inArc ? nil : text
    }
}
