internal import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// An X.509 certificate parsed by OpenSSL (which, unlike strict DER parsers, accepts the negative
/// RSA moduli of 2011–2013 Estonian ID cards); owns its `X509`.
public final class Certificate: @unchecked Sendable, Hashable {
    let x509: OpaquePointer
    /// The DER encoding as received.
    public let der: [UInt8]
    /// `der` hashed once: certificates are keys of the process caches and of every chain lookup,
    /// and hashing a kilobyte or two again for each lookup showed in profiles.
    private let derHash: Int
    /// The subject and issuer as text, made on first ask and shared with every `Certificate` of
    /// the same cached parse.
    private let texts: NameTexts

    /// Parses DER. Returns nil when OpenSSL cannot read it.
    public convenience init?(der: [UInt8]) {
        self.init(hashed: HashedBytes(der: der))
    }

    /// Parses DER already hashed as a key (a caller that keys its own sets by it hashes it once).
    public init?(hashed key: HashedBytes) {
        let der = key.der
        derHash = key.digest
        if let cached = CertificateCache.shared.lookup(key) {
            x509 = cached.x509
            self.der = der
            notBefore = cached.notBefore
            notAfter = cached.notAfter
            subjectNameHash = cached.subjectNameHash
            issuerNameHash = cached.issuerNameHash
            texts = cached.texts
            return
        }
        guard let (parsed, consumed) = decodeDER(der, with: { d2i_X509(nil, $0, $1) }) else { return nil }
        // A validity period that cannot be read makes the certificate unusable, never "valid since 1970".
        guard let notBefore = ASN1Time.seconds(X509_get0_notBefore(parsed)), let notAfter = ASN1Time.seconds(X509_get0_notAfter(parsed)) else {
            X509_free(parsed)
            return nil
        }
        x509 = parsed
        self.der = der
        self.notBefore = notBefore
        self.notAfter = notAfter
        subjectNameHash = UInt(X509_subject_name_hash(parsed))
        issuerNameHash = UInt(X509_issuer_name_hash(parsed))
        texts = NameTexts()
        // Only a certificate read whole: trailing bytes would make another DER map to it.
        if consumed == der.count {
            CertificateCache.shared.insert(key, CertificateCache.Entry(x509: parsed, notBefore: notBefore, notAfter: notAfter,
                                                                       subjectNameHash: subjectNameHash, issuerNameHash: issuerNameHash,
                                                                       texts: texts))
        }
    }

    /// Takes a new reference to an `X509` owned elsewhere (a token's or response's certificate list).
    init?(retaining x509: OpaquePointer) {
        var out: UnsafeMutablePointer<UInt8>?
        let length = i2d_X509(x509, &out)
        guard length > 0, let out else { return nil }
        defer { cossl_free(out) }
        guard let notBefore = ASN1Time.seconds(X509_get0_notBefore(x509)), let notAfter = ASN1Time.seconds(X509_get0_notAfter(x509)) else {
            return nil
        }
        X509_up_ref(x509)
        self.x509 = x509
        self.notBefore = notBefore
        self.notAfter = notAfter
        subjectNameHash = UInt(X509_subject_name_hash(x509))
        issuerNameHash = UInt(X509_issuer_name_hash(x509))
        der = Array(UnsafeBufferPointer(start: out, count: Int(length)))
        derHash = HashedBytes(der: der).digest
        texts = NameTexts()
    }

    deinit {
        X509_free(x509)
    }

    /// Equal by DER. Two instances of one certificate are common (each container parses its own),
    /// so the bytes are compared with `memcmp`, not element by element.
    public static func == (lhs: Certificate, rhs: Certificate) -> Bool {
        lhs === rhs || (lhs.derHash == rhs.derHash && Bytes.equal(lhs.der, rhs.der))
    }
    public func hash(into hasher: inout Hasher) { hasher.combine(derHash) }

    /// Subject in RFC 2253 order with UTF-8 text (`CN=MÄNNIK\,MARI-LIIS,…`).
    public var subject: String { texts.text(\.subject) { Self.text(X509_get_subject_name(x509)) } }
    public var issuer: String { texts.text(\.issuer) { Self.text(X509_get_issuer_name(x509)) } }

    /// OpenSSL's hash of the canonical subject / issuer name: equal names hash equal, so a
    /// certificate's possible issuers can be looked up without comparing every name. Computed
    /// once (each is a SHA-1 through OpenSSL's provider lookup; chain lookups asked thousands of
    /// times per batch).
    public let subjectNameHash: UInt
    public let issuerNameHash: UInt

    /// DER of the issuer Name, for IssuerSerialV2 comparison.
    public var issuerNameDER: [UInt8] { Self.der(of: X509_get_issuer_name(x509)) }

    /// The serial number as unsigned big-endian bytes.
    public var serialBytes: [UInt8] {
        guard let serial = X509_get0_serialNumber(x509), let bn = ASN1_INTEGER_to_BN(serial, nil) else { return [] }
        defer { BN_free(bn) }
        var bytes = [UInt8](repeating: 0, count: Int((BN_num_bits(bn) + 7) / 8))
        BN_bn2bin(bn, &bytes)
        return bytes
    }

    /// The serial number in decimal.
    public var serialDecimal: String {
        guard let serial = X509_get0_serialNumber(x509), let bn = ASN1_INTEGER_to_BN(serial, nil) else { return "" }
        defer { BN_free(bn) }
        guard let text = BN_bn2dec(bn) else { return "" }
        defer { cossl_free(text) }
        return String(cString: text)
    }

    /// The value of the first subject attribute with this NID-less short name (`CN`, `serialNumber`, `O`).
    public func subjectAttribute(_ shortName: String) -> String? {
        let nid = OBJ_txt2nid(shortName)
        guard nid != NID_undef, let name = X509_get_subject_name(x509) else { return nil }
        let index = X509_NAME_get_index_by_NID(name, nid, -1)
        guard index >= 0, let entry = X509_NAME_get_entry(name, index), let data = X509_NAME_ENTRY_get_data(entry) else {
            return nil
        }
        var utf8: UnsafeMutablePointer<UInt8>?
        let length = ASN1_STRING_to_UTF8(&utf8, data)
        guard length >= 0, let utf8 else { return nil }
        defer { cossl_free(utf8) }
        return String(decoding: UnsafeBufferPointer(start: utf8, count: Int(length)), as: UTF8.self)
    }

    /// The issuer's attributes in order, as (short name, UTF-8 value): `("CN", "ESTEID-SK 2011")`.
    public var issuerAttributes: [(type: String, value: String)] {
        guard let name = X509_get_issuer_name(x509) else { return [] }
        return (0..<X509_NAME_entry_count(name)).compactMap { index in
            guard let entry = X509_NAME_get_entry(name, index), let object = X509_NAME_ENTRY_get_object(entry),
                  let data = X509_NAME_ENTRY_get_data(entry) else { return nil }
            let nid = OBJ_obj2nid(object)
            let type = nid == NID_undef ? "" : String(cString: OBJ_nid2sn(nid))
            var utf8: UnsafeMutablePointer<UInt8>?
            let length = ASN1_STRING_to_UTF8(&utf8, data)
            guard length >= 0, let utf8 else { return nil }
            defer { cossl_free(utf8) }
            return (type, String(decoding: UnsafeBufferPointer(start: utf8, count: Int(length)), as: UTF8.self))
        }
    }

    /// True when `text` (decimal, or hexadecimal with a `0x` prefix, as some signers wrote it)
    /// is this certificate's serial number. Compared as integers, so leading zeros do not matter.
    public func serialMatches(_ text: String) -> Bool {
        let trimmed = Self.withoutWhitespace(text)
        var bn: OpaquePointer?
        let parsed: Int32
        if trimmed.hasPrefix("0x") || trimmed.hasPrefix("0X") {
            parsed = BN_hex2bn(&bn, String(trimmed.dropFirst(2)))
        } else {
            parsed = BN_dec2bn(&bn, trimmed)
        }
        guard parsed > 0, parsed == Int32(trimmed.count - (trimmed.hasPrefix("0x") || trimmed.hasPrefix("0X") ? 2 : 0)),
              let bn else {
            BN_free(bn)
            return false
        }
        defer { BN_free(bn) }
        var bytes = [UInt8](repeating: 0, count: Int((BN_num_bits(bn) + 7) / 8))
        BN_bn2bin(bn, &bytes)
        return bytes == serialBytes
    }

    /// `text` without its whitespace (Unicode's, as `Character.isWhitespace` says). ASCII text,
    /// nearly every serial number, is filtered by byte: tab to carriage return and space.
    static func withoutWhitespace(_ text: String) -> String {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return text.filter { !$0.isWhitespace } }
        return String(decoding: text.utf8.filter { $0 != 0x20 && !(0x09...0x0D).contains($0) }, as: UTF8.self)
    }

    /// Validity bounds as seconds since 1970.
    public let notBefore: Int64
    public let notAfter: Int64

    /// The subject public key.
    public var publicKey: PublicKey? {
        guard let key = X509_get0_pubkey(x509) else {
            OpenSSLError.clear()
            return nil
        }
        return PublicKey(retaining: key)
    }

    /// True when keyUsage is present and includes nonRepudiation (contentCommitment).
    public var hasNonRepudiation: Bool {
        let flags = X509_get_extension_flags(x509)
        guard flags & UInt32(EXFLAG_KUSAGE) != 0 else { return false }
        return X509_get_key_usage(x509) & UInt32(KU_NON_REPUDIATION) != 0
    }

    public func digest(_ algorithm: DigestAlgorithm) -> [UInt8] { Digest.hash(der, algorithm) }

    /// SHA-256 fingerprint, lower-case hex.
    public var sha256Hex: String { digest(.sha256).hexString }

    static func text(_ name: OpaquePointer?) -> String {
        guard let name, let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        X509_NAME_print_ex(bio, name, 0, cossl_xn_flag_rfc2253_utf8())
        var pointer: UnsafeMutablePointer<CChar>?
        let length = cossl_BIO_get_mem_data(bio, &pointer)
        guard let pointer, length > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    private static func der(of name: OpaquePointer?) -> [UInt8] {
        guard let name else { return [] }
        var out: UnsafeMutablePointer<UInt8>?
        let length = i2d_X509_NAME(name, &out)
        guard length > 0, let out else { return [] }
        defer { cossl_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: Int(length)))
    }
}
