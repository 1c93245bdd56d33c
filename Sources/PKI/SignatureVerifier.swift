internal import COpenSSL

/// The outcome of checking one signature value.
public enum SignatureCheck: Sendable, Equatable {
    case valid
    /// The value does not verify with this key over these bytes.
    case invalid(String)
    /// It could not be checked (unknown algorithm, key type mismatch, malformed value).
    case unsupported(String)
}

/// Verifies signature values with OpenSSL's EVP interface: RSA PKCS#1 v1.5, RSASSA-PSS with its
/// parameters, and ECDSA on any curve OpenSSL knows (XML-DSig carries ECDSA as raw r‖s, which is
/// converted to DER keeping leading zero bytes as the split says). P-384 r‖s values are tried with
/// nettle first (``P384Verification``).
public enum SignatureVerifier {
    /// Set when an ECDSA value was DER instead of r‖s (non-conformant but seen in the wild).
    public struct Notes: Sendable, Equatable {
        public var ecdsaWasDER = false

        public init() {}
    }

    public static func verify(_ signature: [UInt8], over data: [UInt8], key: PublicKey,
                              algorithm: SignatureAlgorithm, notes: inout Notes) -> SignatureCheck {
        defer { OpenSSLError.clear() }
        switch (algorithm.scheme, key.kind) {
        case (.ecdsa, .ec):
            // P-384 through nettle first (twice OpenSSL 3.0's speed); what it does not accept, OpenSSL decides.
            if P384Verification.verifies(signature, over: data, key: key, digest: algorithm.digest) { return .valid }
            if let der = ecdsaDER(fromRaw: signature), verifyRaw(der, data, key, algorithm) { return .valid }
            // Non-conformant but seen in the wild: a DER value instead of r‖s.
            let isDER = DER(signature)?.children?.count == 2
            if isDER, verifyRaw(signature, data, key, algorithm) {
                notes.ecdsaWasDER = true
                return .valid
            }
            if !isDER && ecdsaDER(fromRaw: signature) == nil { return .unsupported("ECDSA value is neither r‖s nor DER") }
            return .invalid("\(algorithm.name) signature does not verify")
        case (.rsaPKCS1, .rsa), (.rsaPSS, .rsa), (.rsaPSS, .rsaPSS):
            return verifyRaw(signature, data, key, algorithm) ? .valid : .invalid("\(algorithm.name) signature does not verify")
        default:
            return .unsupported("\(algorithm.name) cannot be used with a \(key.summary) key")
        }
    }

    /// OpenSSL alone (the differential tests compare ``P384Verification`` with it).
    static func verifyRaw(_ signature: [UInt8], _ data: [UInt8], _ key: PublicKey, _ algorithm: SignatureAlgorithm) -> Bool {
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        guard let md = algorithm.digest.md else { return false }
        var keyContext: OpaquePointer?
        guard EVP_DigestVerifyInit(context, &keyContext, md, nil, key.key) == 1 else { return false }
        if case let .rsaPSS(mgf1, saltLength) = algorithm.scheme {
            guard let keyContext, let mgf = mgf1.md,
                  EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING) == 1,
                  EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, Int32(saltLength)) == 1,
                  EVP_PKEY_CTX_set_rsa_mgf1_md(keyContext, mgf) == 1 else { return false }
        }
        return signature.withUnsafeBufferPointer { sig in
            data.withUnsafeBufferPointer { bytes in
                EVP_DigestVerify(context, sig.baseAddress, sig.count, bytes.baseAddress, bytes.count) == 1
            }
        }
    }

    /// r‖s (each half the length) to DER `ECDSA-Sig-Value`.
    static func ecdsaDER(fromRaw raw: [UInt8]) -> [UInt8]? {
        guard !raw.isEmpty, raw.count % 2 == 0 else { return nil }
        let half = raw.count / 2
        guard let sig = ECDSA_SIG_new() else { return nil }
        defer { ECDSA_SIG_free(sig) }
        let r = raw.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress, Int32(half), nil) }
        let s = raw.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress! + half, Int32(half), nil) }
        guard let r, let s, ECDSA_SIG_set0(sig, r, s) == 1 else {
            BN_free(r)
            BN_free(s)
            return nil
        }
        var out: UnsafeMutablePointer<UInt8>?
        let length = i2d_ECDSA_SIG(sig, &out)
        guard length > 0, let out else { return nil }
        defer { cossl_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: Int(length)))
    }
}
