internal import COpenSSL

/// The digest a DER `AlgorithmIdentifier` of a signature names (RFC 5280 §4.1.1.2): from the
/// signature OID (sha256WithRSAEncryption, ecdsa-with-SHA384 …) or, for RSASSA-PSS, from its
/// parameters' hashAlgorithm (SHA-1 when absent, RFC 4055). Nil when it cannot be told: the caller
/// must then treat the algorithm as unacceptable.
enum SignatureAlgorithmIdentifier {
    static let rsassaPSS = "1.2.840.113549.1.1.10"

    static func digest(_ identifier: DER?) -> DigestAlgorithm? {
        guard let parts = identifier?.children, let object = parts.first, object.tag == 0x06, let oid = DER.oid(object.content) else { return nil }
        if oid == rsassaPSS {
            // RSASSA-PSS-params { hashAlgorithm [0] AlgorithmIdentifier DEFAULT sha1, … }
            guard parts.count > 1, let params = parts[1].children else { return parts.count == 1 ? .sha1 : nil }
            guard let hash = params.first(where: { $0.tag == 0xA0 }) else { return .sha1 }
            guard let algorithm = hash.children?.first?.children?.first, algorithm.tag == 0x06,
                  let hashOID = DER.oid(algorithm.content) else { return nil }
            return DigestAlgorithm(nid: OBJ_txt2nid(hashOID))
        }
        var digestNID: Int32 = NID_undef
        guard OBJ_find_sigid_algs(OBJ_txt2nid(oid), &digestNID, nil) == 1 else { return nil }
        return DigestAlgorithm(nid: digestNID)
    }
}

extension CRL {
    /// The digest of the signature algorithm of the CRL `der`; nil when unknown.
    public static func signatureDigest(der: [UInt8]) -> DigestAlgorithm? {
        // CertificateList { tbsCertList, signatureAlgorithm, signatureValue }
        SignatureAlgorithmIdentifier.digest(DER(der)?.children.flatMap { $0.count == 3 ? $0[1] : nil })
    }
}

extension OCSPResponse {
    /// The digest of the signature algorithm of the OCSP response `der`'s BasicOCSPResponse; nil
    /// when unknown or not a basic response.
    public static func signatureDigest(der: [UInt8]) -> DigestAlgorithm? {
        // OCSPResponse { responseStatus, responseBytes [0] { responseType, response OCTET STRING } }
        guard let bytes = DER(der)?.children?.first(where: { $0.tag == 0xA0 })?.children?.first?.children, bytes.count == 2,
              bytes[1].tag == 0x04, let basic = DER(bytes[1].content)?.children, basic.count >= 3 else { return nil }
        // BasicOCSPResponse { tbsResponseData, signatureAlgorithm, signature, certs [0] OPTIONAL }
        return SignatureAlgorithmIdentifier.digest(basic[1])
    }
}
