internal import COpenSSL

/// A private key for signing (RSA, RSA-PSS or EC on any curve OpenSSL knows); owns its
/// `EVP_PKEY`. Loaded from PEM or PKCS#12, with the certificate that goes with it.
public final class PrivateKey: @unchecked Sendable {
    let key: OpaquePointer

    init(owning key: OpaquePointer) { self.key = key }

    deinit { EVP_PKEY_free(key) }

    public enum LoadError: Error, Sendable, Equatable, CustomStringConvertible {
        case wrongPassword
        case passwordNeeded
        case unreadable(String)
        public var description: String {
            switch self {
            case .wrongPassword: "wrong password, or the file is not a PKCS#12/PEM key"
            case .passwordNeeded: "the key is encrypted: give its password (--password-file or --password-env)"
            case let .unreadable(reason): reason
            }
        }
    }

    /// A PEM private key (encrypted PEM needs `password`).
    public static func pem(_ bytes: [UInt8], password: String? = nil) throws(LoadError) -> PrivateKey {
        defer { OpenSSLError.clear() }
        guard let bio = bytes.withUnsafeBytes({ BIO_new_mem_buf($0.baseAddress, Int32($0.count)) }) else {
            throw .unreadable("out of memory")
        }
        defer { BIO_free(bio) }
        // Always hand OpenSSL a password: without one its default callback prompts on the terminal.
        let key: OpaquePointer? = (password ?? "").withCString { PEM_read_bio_PrivateKey(bio, nil, nil, UnsafeMutableRawPointer(mutating: $0)) }
        guard let key else {
            let encrypted = String(decoding: bytes, as: UTF8.self).contains("ENCRYPTED")
            throw encrypted ? (password == nil ? .passwordNeeded : .wrongPassword) : .unreadable("not a PEM private key")
        }
        return PrivateKey(owning: key)
    }

    /// The key and certificates of a PKCS#12 file; the first certificate is the key's.
    public static func pkcs12(_ bytes: [UInt8], password: String) throws(LoadError) -> (PrivateKey, Certificate, [Certificate]) {
        defer { OpenSSLError.clear() }
        guard let p12 = decodeDER(bytes, with: { d2i_PKCS12(nil, $0, $1) })?.object else { throw .unreadable("not a PKCS#12 file") }
        defer { PKCS12_free(p12) }
        var key: OpaquePointer?
        var certificate: OpaquePointer?
        var chain: OpaquePointer?
        let parsed = PKCS12_parse(p12, password, &key, &certificate, &chain) == 1
        // Whatever PKCS12_parse handed out is freed on every path; only the key is kept on success.
        defer {
            if let certificate { X509_free(certificate) }
            if let chain { OPENSSL_sk_pop_free(chain, { X509_free(OpaquePointer($0)) }) }
        }
        guard parsed, let key else { throw .wrongPassword }
        guard let certificate, let own = Certificate(retaining: certificate) else {
            EVP_PKEY_free(key)
            throw .unreadable("no readable certificate in the PKCS#12 file")
        }
        return (PrivateKey(owning: key), own, chain.map { Certificate.retainingEach(of: $0) } ?? [])
    }

    public var publicKey: PublicKey { PublicKey(retaining: key) }

    /// True when `certificate` carries this key's public half.
    public func matches(_ certificate: Certificate) -> Bool {
        guard let other = certificate.publicKey else { return false }
        return EVP_PKEY_eq(key, other.key) == 1
    }

    /// Signs `data` with `algorithm`; ECDSA values come back as XML-DSig's raw r‖s.
    public func sign(_ data: [UInt8], algorithm: SignatureAlgorithm) -> [UInt8]? {
        defer { OpenSSLError.clear() }
        guard let context = EVP_MD_CTX_new(), let md = algorithm.digest.md else { return nil }
        defer { EVP_MD_CTX_free(context) }
        var keyContext: OpaquePointer?
        guard EVP_DigestSignInit(context, &keyContext, md, nil, key) == 1 else { return nil }
        if case let .rsaPSS(mgf1, saltLength) = algorithm.scheme {
            guard let keyContext, let mgf = mgf1.md,
                  EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING) == 1,
                  EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, Int32(saltLength)) == 1,
                  EVP_PKEY_CTX_set_rsa_mgf1_md(keyContext, mgf) == 1 else { return nil }
        }
        var length = 0
        guard data.withUnsafeBufferPointer({ EVP_DigestSign(context, nil, &length, $0.baseAddress, $0.count) }) == 1 else { return nil }
        var signature = [UInt8](repeating: 0, count: length)
        guard data.withUnsafeBufferPointer({ EVP_DigestSign(context, &signature, &length, $0.baseAddress, $0.count) }) == 1 else { return nil }
        signature = Array(signature.prefix(length))
        guard case .ecdsa = algorithm.scheme else { return signature }
        // DER ECDSA-Sig-Value → r‖s, each padded to the order's length.
        guard let parts = DER(signature)?.children, parts.count == 2 else { return nil }
        let width = (Int(EVP_PKEY_get_bits(key)) + 7) / 8
        func pad(_ integer: [UInt8]) -> [UInt8] {
            let trimmed = Array(integer.drop { $0 == 0 })
            return [UInt8](repeating: 0, count: max(0, width - trimmed.count)) + trimmed
        }
        return pad(parts[0].content) + pad(parts[1].content)
    }

    /// The XML-DSig signature method for this key with `digest` (RSA PKCS#1 unless `pss`).
    public func signatureAlgorithm(digest: DigestAlgorithm, pss: Bool = false) -> SignatureAlgorithm? {
        let more = "http://www.w3.org/2001/04/xmldsig-more#"
        switch publicKey.kind {
        case .ec:
            let name: [DigestAlgorithm: String] = [.sha256: "ecdsa-sha256", .sha384: "ecdsa-sha384", .sha512: "ecdsa-sha512"]
            return name[digest].flatMap { SignatureAlgorithm(uri: more + $0) }
        case .rsa, .rsaPSS:
            if pss || publicKey.kind == .rsaPSS {
                let name: [DigestAlgorithm: String] = [.sha256: "sha256-rsa-MGF1", .sha384: "sha384-rsa-MGF1", .sha512: "sha512-rsa-MGF1"]
                return name[digest].flatMap { SignatureAlgorithm(uri: "http://www.w3.org/2007/05/xmldsig-more#" + $0) }
            }
            let name: [DigestAlgorithm: String] = [.sha256: "rsa-sha256", .sha384: "rsa-sha384", .sha512: "rsa-sha512"]
            return name[digest].flatMap { SignatureAlgorithm(uri: more + $0) }
        case .other:
            return nil
        }
    }
}

extension DigestAlgorithm {
    /// The XML-DSig / RFC 6931 URI.
    public var uri: String {
        switch self {
        case .sha1: "http://www.w3.org/2000/09/xmldsig#sha1"
        case .sha224: "http://www.w3.org/2001/04/xmldsig-more#sha224"
        case .sha256: "http://www.w3.org/2001/04/xmlenc#sha256"
        case .sha384: "http://www.w3.org/2001/04/xmldsig-more#sha384"
        case .sha512: "http://www.w3.org/2001/04/xmlenc#sha512"
        case .sha3_256: "http://www.w3.org/2007/05/xmldsig-more#sha3-256"
        case .sha3_384: "http://www.w3.org/2007/05/xmldsig-more#sha3-384"
        case .sha3_512: "http://www.w3.org/2007/05/xmldsig-more#sha3-512"
        }
    }
}
