internal import COpenSSL

extension SignatureVerifier {
    /// The DigestInfo an RSA PKCS#1 v1.5 signature value carries, recovered with `key` (RSA only);
    /// nil when the value does not open with the key or its padding is wrong. For verifiers that
    /// must accept a DigestInfo other than OpenSSL's one canonical encoding (legacy DDOC signers
    /// left out the NULL parameters): the caller compares the digest itself.
    public static func recoverPKCS1DigestInfo(_ signature: [UInt8], key: PublicKey) -> [UInt8]? {
        defer { OpenSSLError.clear() }
        guard key.kind == .rsa, let context = EVP_PKEY_CTX_new(key.key, nil) else { return nil }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_verify_recover_init(context) == 1, EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PADDING) == 1 else { return nil }
        var length = 0
        guard signature.withUnsafeBufferPointer({ EVP_PKEY_verify_recover(context, nil, &length, $0.baseAddress, $0.count) }) == 1,
              length > 0 else { return nil }
        var out = [UInt8](repeating: 0, count: length)
        let status = out.withUnsafeMutableBufferPointer { buffer in
            signature.withUnsafeBufferPointer { EVP_PKEY_verify_recover(context, buffer.baseAddress, &length, $0.baseAddress, $0.count) }
        }
        guard status == 1 else { return nil }
        return Array(out.prefix(length))
    }
}
