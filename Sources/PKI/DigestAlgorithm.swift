internal import COpenSSL

/// Digest algorithms used by XML signatures, with their XML-DSig / RFC 6931 URIs.
public enum DigestAlgorithm: String, Sendable, CaseIterable {
    case sha1 = "SHA-1"
    case sha224 = "SHA-224"
    case sha256 = "SHA-256"
    case sha384 = "SHA-384"
    case sha512 = "SHA-512"
    case sha3_256 = "SHA3-256"
    case sha3_384 = "SHA3-384"
    case sha3_512 = "SHA3-512"

    /// The algorithm an XML-DSig `DigestMethod/@Algorithm` names, or nil when unknown.
    public init?(uri: String) {
        switch uri {
        case "http://www.w3.org/2000/09/xmldsig#sha1": self = .sha1
        case "http://www.w3.org/2001/04/xmldsig-more#sha224": self = .sha224
        case "http://www.w3.org/2001/04/xmlenc#sha256": self = .sha256
        case "http://www.w3.org/2001/04/xmldsig-more#sha384": self = .sha384
        case "http://www.w3.org/2001/04/xmlenc#sha512": self = .sha512
        case "http://www.w3.org/2007/05/xmldsig-more#sha3-256": self = .sha3_256
        case "http://www.w3.org/2007/05/xmldsig-more#sha3-384": self = .sha3_384
        case "http://www.w3.org/2007/05/xmldsig-more#sha3-512": self = .sha3_512
        default: return nil
        }
    }

    var openSSLName: String {
        switch self {
        case .sha1: "SHA1"
        case .sha224: "SHA224"
        case .sha256: "SHA256"
        case .sha384: "SHA384"
        case .sha512: "SHA512"
        case .sha3_256: "SHA3-256"
        case .sha3_384: "SHA3-384"
        case .sha3_512: "SHA3-512"
        }
    }
}
