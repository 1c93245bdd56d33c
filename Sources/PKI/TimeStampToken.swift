internal import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// An RFC 3161 time-stamp token (CMS SignedData holding a TSTInfo); owns its `PKCS7` and
/// `TS_TST_INFO`. Trust in the TSA is the trust layer's business; this type answers what the
/// token says and whether its own signature is intact.
public final class TimeStampToken: @unchecked Sendable {
    let pkcs7: UnsafeMutablePointer<PKCS7>
    let info: OpaquePointer
    public let der: [UInt8]
    /// One verification at a time: a parsed token is shared by threads (`parsed(_:)`), and
    /// OpenSSL does not promise that verifying leaves an object untouched.
    private let verifying = Locked(())
    private static let cache = ParsedObjectCache<TimeStampToken>()

    /// The token of `der`, parsed once per process: a signature's token is asked for more than
    /// once, and the same token is met again in a batch.
    public static func parsed(_ der: [UInt8]) -> TimeStampToken? { cache.object(for: der) { TimeStampToken(der: der) } }

    public init?(der: [UInt8]) {
        guard let parsed = decodeDER(der, with: { d2i_PKCS7(nil, $0, $1) })?.object else { return nil }
        guard let info = PKCS7_to_TS_TST_INFO(parsed) else {
            PKCS7_free(parsed)
            OpenSSLError.clear()
            return nil
        }
        // A genTime that cannot be read makes the token malformed, never a proof of 1970.
        guard let genTime = ASN1Time.seconds(TS_TST_INFO_get_time(info)) else {
            TS_TST_INFO_free(info)
            PKCS7_free(parsed)
            return nil
        }
        pkcs7 = parsed
        self.info = info
        self.der = der
        self.genTime = genTime
        certificates = Self.certificates(of: parsed)
    }

    deinit {
        TS_TST_INFO_free(info)
        PKCS7_free(pkcs7)
    }

    /// The hash algorithm of the message imprint, nil when not one we know.
    public var imprintAlgorithm: DigestAlgorithm? {
        guard let imprint = TS_TST_INFO_get_msg_imprint(info), let algorithm = TS_MSG_IMPRINT_get_algo(imprint) else { return nil }
        var object: OpaquePointer?
        X509_ALGOR_get0(&object, nil, nil, algorithm)
        guard let object else { return nil }
        return DigestAlgorithm(nid: OBJ_obj2nid(object))
    }

    /// The hashed message the TSA signed.
    public var imprint: [UInt8] {
        guard let imprint = TS_TST_INFO_get_msg_imprint(info), let message = TS_MSG_IMPRINT_get_msg(imprint),
              let data = ASN1_STRING_get0_data(message) else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(message))))
    }

    /// genTime, seconds since 1970 (fractions dropped).
    public let genTime: Int64

    /// Certificates carried in the token, read once when it is parsed (a shared token is asked for
    /// them by every signature and time-stamp check).
    public let certificates: [Certificate]

    private static func certificates(of pkcs7: UnsafeMutablePointer<PKCS7>) -> [Certificate] {
        guard let signed = pkcs7.pointee.d.sign, let stack = signed.pointee.cert else { return [] }
        return Certificate.retainingEach(of: stack)
    }

    /// The TSA certificate (the CMS signer), found in the token or among `extra`.
    public func signer(extra: [Certificate] = []) -> Certificate? {
        defer { OpenSSLError.clear() }
        guard let stack = OPENSSL_sk_new_null() else { return nil }
        defer { OPENSSL_sk_free(stack) }
        for certificate in extra { OPENSSL_sk_push(stack, UnsafeRawPointer(certificate.x509)) }
        guard let signers = PKCS7_get0_signers(pkcs7, stack, 0) else { return nil }
        defer { OPENSSL_sk_free(signers) }
        guard OPENSSL_sk_num(signers) > 0, let first = OPENSSL_sk_value(signers, 0) else { return nil }
        return Certificate.wrapping(OpaquePointer(first), among: certificates, extra)
    }

    /// Checks the CMS signature over the TSTInfo with the signer certificate found in the token
    /// or among `extra` (the signature's CertificateValues). No chain or trust check.
    public func verifySignature(extra: [Certificate] = []) -> SignatureCheck {
        verifying.withLock { _ in verify(extra: extra) }
    }

    private func verify(extra: [Certificate]) -> SignatureCheck {
        defer { OpenSSLError.clear() }
        guard let store = X509_STORE_new() else { return .unsupported("out of memory") }
        defer { X509_STORE_free(store) }
        guard let stack = OPENSSL_sk_new_null() else { return .unsupported("out of memory") }
        defer { OPENSSL_sk_free(stack) }
        for certificate in extra { OPENSSL_sk_push(stack, UnsafeRawPointer(certificate.x509)) }
        // OpenSSL verifies with the key's own algorithm and ignores the SignerInfo's declared
        // algorithms: check them ourselves, so an unknown or mismatched algorithm is never a pass.
        if let signer = signer(extra: extra), let problem = algorithmProblem(signer) { return .invalid(problem) }
        let flags = Int32(PKCS7_NOVERIFY | PKCS7_NOCHAIN)
        let result = PKCS7_verify(pkcs7, stack, store, nil, nil, flags)
        if result == 1 { return .valid }
        let reason = OpenSSLError.drain()
        if reason.contains("signer certificate not found") || reason.contains("SIGNER_CERTIFICATE_NOT_FOUND") {
            return .unsupported("the TSA certificate is not in the token")
        }
        return .invalid(reason)
    }
}

extension TimeStampToken {
    /// Signature algorithms a SignerInfo may declare, by the key type they need.
    private static let rsaAlgorithms: Set<Int32> = [NID_rsaEncryption, NID_sha1WithRSAEncryption, NID_sha224WithRSAEncryption,
                                                    NID_sha256WithRSAEncryption, NID_sha384WithRSAEncryption,
                                                    NID_sha512WithRSAEncryption, NID_rsassaPss]
    private static let ecAlgorithms: Set<Int32> = [NID_X9_62_id_ecPublicKey, NID_ecdsa_with_SHA1, NID_ecdsa_with_SHA224,
                                                   NID_ecdsa_with_SHA256, NID_ecdsa_with_SHA384, NID_ecdsa_with_SHA512,
                                                   NID_ecdsa_with_SHA3_256, NID_ecdsa_with_SHA3_384, NID_ecdsa_with_SHA3_512]

    /// Why the SignerInfo's declared digest or signature algorithm is not acceptable for `signer`'s key; nil when it is.
    func algorithmProblem(_ signer: Certificate) -> String? {
        guard let infos = PKCS7_get_signer_info(pkcs7), OPENSSL_sk_num(infos) == 1,
              let info = OPENSSL_sk_value(infos, 0) else { return "the token does not have exactly one signer" }
        var digest: UnsafeMutablePointer<X509_ALGOR>?
        var signature: UnsafeMutablePointer<X509_ALGOR>?
        PKCS7_SIGNER_INFO_get0_algs(info.assumingMemoryBound(to: PKCS7_SIGNER_INFO.self), nil, &digest, &signature)
        var object: OpaquePointer?
        X509_ALGOR_get0(&object, nil, nil, digest)
        guard let object, DigestAlgorithm(nid: OBJ_obj2nid(object)) != nil else { return "the token's digest algorithm is not supported" }
        var sigObject: OpaquePointer?
        X509_ALGOR_get0(&sigObject, nil, nil, signature)
        guard let sigObject else { return "the token declares no signature algorithm" }
        let nid = OBJ_obj2nid(sigObject)
        guard let key = signer.publicKey else { return "the TSA's public key cannot be read" }
        let fits = switch key.kind {
        case .rsa, .rsaPSS: Self.rsaAlgorithms.contains(nid)
        case .ec: Self.ecAlgorithms.contains(nid)
        case .other: false
        }
        return fits ? nil : "the token's signature algorithm \(String(cString: OBJ_nid2sn(nid))) does not fit the TSA's \(key.summary) key"
    }
}

extension DigestAlgorithm {
    /// The algorithm of a dotted OID, nil when it is not one we know.
    public init?(oid: String) { self.init(nid: OBJ_txt2nid(oid)) }

    init?(nid: Int32) {
        switch nid {
        case NID_sha1: self = .sha1
        case NID_sha224: self = .sha224
        case NID_sha256: self = .sha256
        case NID_sha384: self = .sha384
        case NID_sha512: self = .sha512
        case NID_sha3_256: self = .sha3_256
        case NID_sha3_384: self = .sha3_384
        case NID_sha3_512: self = .sha3_512
        default: return nil
        }
    }
}
