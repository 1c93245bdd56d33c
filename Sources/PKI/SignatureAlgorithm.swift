/// An XML-DSig `SignatureMethod`: scheme and digest (RFC 6931 / RFC 9231 URIs).
public struct SignatureAlgorithm: Sendable, Hashable {
    public enum Scheme: Sendable, Hashable {
        case rsaPKCS1
        /// RSASSA-PSS with MGF1 over `mgf1` and a salt of `saltLength` bytes (trailer 0xBC).
        case rsaPSS(mgf1: DigestAlgorithm, saltLength: Int)
        case ecdsa
    }

    public let scheme: Scheme
    public let digest: DigestAlgorithm
    public let uri: String

    /// Short name for reports: `RSA-SHA256`, `RSA-PSS-SHA256`, `ECDSA-SHA384`.
    public var name: String {
        let hash = digest.rawValue.filter { $0 != "-" }
        return switch scheme {
        case .rsaPKCS1: "RSA-\(hash)"
        case .rsaPSS: "RSA-PSS-\(hash)"
        case .ecdsa: "ECDSA-\(hash)"
        }
    }

    public init(scheme: Scheme, digest: DigestAlgorithm, uri: String) {
        self.scheme = scheme
        self.digest = digest
        self.uri = uri
    }

    /// The URIs with a fixed scheme and digest (`nil` scheme: RSA-PSS with MGF1 of the same hash),
    /// built once: every signature, token and OCSP response looks its algorithm up here.
    private static let uris: [String: (Scheme?, DigestAlgorithm)] = {
        let more = "http://www.w3.org/2001/04/xmldsig-more#"
        let more07 = "http://www.w3.org/2007/05/xmldsig-more#"
        let more21 = "http://www.w3.org/2021/04/xmldsig-more#"
        return [
            "http://www.w3.org/2000/09/xmldsig#rsa-sha1": (.rsaPKCS1, .sha1),
            more + "rsa-sha224": (.rsaPKCS1, .sha224),
            more + "rsa-sha256": (.rsaPKCS1, .sha256),
            more + "rsa-sha384": (.rsaPKCS1, .sha384),
            more + "rsa-sha512": (.rsaPKCS1, .sha512),
            more21 + "rsa-sha3-256": (.rsaPKCS1, .sha3_256),
            more21 + "rsa-sha3-384": (.rsaPKCS1, .sha3_384),
            more21 + "rsa-sha3-512": (.rsaPKCS1, .sha3_512),
            more + "ecdsa-sha1": (.ecdsa, .sha1),
            more + "ecdsa-sha224": (.ecdsa, .sha224),
            more + "ecdsa-sha256": (.ecdsa, .sha256),
            more + "ecdsa-sha384": (.ecdsa, .sha384),
            more + "ecdsa-sha512": (.ecdsa, .sha512),
            more21 + "ecdsa-sha3-256": (.ecdsa, .sha3_256),
            more21 + "ecdsa-sha3-384": (.ecdsa, .sha3_384),
            more21 + "ecdsa-sha3-512": (.ecdsa, .sha3_512),
            more07 + "sha1-rsa-MGF1": (nil, .sha1),
            more07 + "sha224-rsa-MGF1": (nil, .sha224),
            more07 + "sha256-rsa-MGF1": (nil, .sha256),
            more07 + "sha384-rsa-MGF1": (nil, .sha384),
            more07 + "sha512-rsa-MGF1": (nil, .sha512),
            more07 + "sha3-256-rsa-MGF1": (nil, .sha3_256),
            more07 + "sha3-384-rsa-MGF1": (nil, .sha3_384),
            more07 + "sha3-512-rsa-MGF1": (nil, .sha3_512),
        ]
    }()

    /// The algorithm a `SignatureMethod/@Algorithm` names. `rsa-pss` needs its explicit
    /// `RSAPSSParams`; without them it is unknown.
    public init?(uri: String, pssParameters: PSSParameters? = nil) {
        if let (scheme, digest) = Self.uris[uri] {
            // The MGF1 URIs fix MGF1 to the same hash and the salt to the hash length (RFC 6931 §2.3.10).
            self.init(scheme: scheme ?? .rsaPSS(mgf1: digest, saltLength: digest.length), digest: digest, uri: uri)
        } else if uri == "http://www.w3.org/2007/05/xmldsig-more#rsa-pss", let params = pssParameters {
            self.init(scheme: .rsaPSS(mgf1: params.mgf1Digest, saltLength: params.saltLength), digest: params.digest, uri: uri)
        } else {
            return nil
        }
    }

    /// True when the digest is SHA-1 (a warning in DigiDoc, a policy matter in DSS).
    public var isWeak: Bool { digest == .sha1 }
}

/// Explicit `RSAPSSParams` of the `rsa-pss` SignatureMethod (RFC 9231 §2.3.11).
public struct PSSParameters: Sendable, Hashable {
    public let digest: DigestAlgorithm
    public let mgf1Digest: DigestAlgorithm
    public let saltLength: Int

    public init(digest: DigestAlgorithm, mgf1Digest: DigestAlgorithm, saltLength: Int) {
        self.digest = digest
        self.mgf1Digest = mgf1Digest
        self.saltLength = saltLength
    }
}

extension DigestAlgorithm {
    /// Output length in bytes.
    public var length: Int {
        switch self {
        case .sha1: 20
        case .sha224: 28
        case .sha256, .sha3_256: 32
        case .sha384, .sha3_384: 48
        case .sha512, .sha3_512: 64
        }
    }
}

extension SignatureAlgorithm {
    /// True when this method can be used with `key`: RSA PKCS#1 v1.5 and PSS with an RSA key
    /// (PSS also with an RSASSA-PSS key), ECDSA with an EC key. Anything else is refused.
    public func fits(_ key: PublicKey) -> Bool {
        switch (scheme, key.kind) {
        case (.rsaPKCS1, .rsa), (.rsaPSS, .rsa), (.rsaPSS, .rsaPSS), (.ecdsa, .ec): true
        default: false
        }
    }
}
