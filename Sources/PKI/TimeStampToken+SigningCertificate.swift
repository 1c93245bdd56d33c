internal import COpenSSL

extension TimeStampToken {
    /// Why the token's signed ESS signingCertificate (RFC 2634) or signingCertificateV2 (RFC 5035)
    /// attribute does not name `signer`; nil when it does. RFC 3161 §2.4.1 requires the attribute:
    /// it is the signed binding of the TSA certificate, while the SignerInfo's issuer and serial,
    /// by which the signer is looked up, are not signed. The first ESSCertID must be the signer's
    /// (OpenSSL's `ts -verify` rule); a token without one, or naming another certificate, is refused.
    public func signingCertificateProblem(_ signer: Certificate) -> String? {
        defer { OpenSSLError.clear() }
        guard let infos = PKCS7_get_signer_info(pkcs7), OPENSSL_sk_num(infos) == 1, let raw = OPENSSL_sk_value(infos, 0) else {
            return "the token does not have exactly one signer"
        }
        let info = raw.assumingMemoryBound(to: PKCS7_SIGNER_INFO.self)
        for (nid, version) in [(NID_id_smime_aa_signingCertificateV2, 2), (NID_id_smime_aa_signingCertificate, 1)] {
            guard let attribute = PKCS7_get_signed_attribute(info, nid) else { continue }
            guard let der = Self.encoded(attribute), let first = DER(der)?.children?.first?.children?.first,
                  let fields = first.children, !fields.isEmpty else {
                return "the token's signing-certificate attribute cannot be read"
            }
            // ESSCertID { certHash (SHA-1) … }; ESSCertIDv2 { hashAlgorithm DEFAULT sha256, certHash … }.
            var algorithm: DigestAlgorithm? = version == 1 ? .sha1 : .sha256
            var hash = fields[0]
            if version == 2, fields[0].tag == 0x30 {
                guard fields.count > 1, let oid = fields[0].children?.first, oid.tag == 0x06 else {
                    return "the token's signing-certificate attribute cannot be read"
                }
                algorithm = DER.oid(oid.content).flatMap(DigestAlgorithm.init(oid:))
                hash = fields[1]
            }
            guard let algorithm else { return "the token names its TSA certificate with an unknown hash algorithm" }
            guard hash.tag == 0x04 else { return "the token's signing-certificate attribute cannot be read" }
            return Digest.hash(signer.der, algorithm) == hash.content ? nil
                : "the token's signed signing-certificate attribute names another certificate than the one that signed it"
        }
        return "the token does not name its TSA certificate (no signed ESS signing-certificate attribute)"
    }

    /// Why a token whose signature verifies is still not bound to its TSA certificate, found in the
    /// token or among `extra` (nil when it is bound, or when there is no signer to bind).
    public func unboundSigner(extra: [Certificate] = []) -> String? {
        signer(extra: extra).flatMap(signingCertificateProblem)
    }

    /// The DER of an attribute value.
    private static func encoded(_ value: UnsafeMutablePointer<ASN1_TYPE>) -> [UInt8]? {
        let length = i2d_ASN1_TYPE(value, nil)
        guard length > 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(length))
        let written = bytes.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
            return i2d_ASN1_TYPE(value, &cursor)
        }
        return written == length ? bytes : nil
    }
}
