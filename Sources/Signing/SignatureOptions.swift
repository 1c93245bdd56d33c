import PKI
import XAdES

/// What goes into a new XAdES signature besides the signer's key.
public struct SignatureOptions: Sendable {
    public var digest: DigestAlgorithm = .sha256
    /// RSASSA-PSS instead of PKCS#1 v1.5 for RSA keys.
    public var pss = false
    /// The claimed signing time (seconds since 1970); nil leaves SigningTime out.
    public var signingTime: Int64?
    public var roles: [String] = []
    public var city: String?
    public var stateOrProvince: String?
    public var postalCode: String?
    public var countryName: String?
    /// An explicit policy (EPES): BDOC 2.1 for time-mark signatures.
    public var policy: Policy?

    public struct Policy: Sendable {
        public let oid: String
        public let digest: DigestAlgorithm
        public let digestValue: [UInt8]
        public let spuri: String?

        /// The BDOC 2.1 policy (`urn:oid:1.3.6.1.4.1.10015.1000.3.2.1`) as DigiDoc writes it.
        public static let bdoc21 = Policy(
            oid: BDOCPolicies.bdoc21, digest: .sha256,
            digestValue: Base64.decode(BDOCPolicies.documentDigests[BDOCPolicies.bdoc21]?[.sha256] ?? "") ?? [],
            spuri: BDOCPolicies.bdoc21SPURI)

        public init(oid: String, digest: DigestAlgorithm, digestValue: [UInt8], spuri: String?) {
            self.oid = oid
            self.digest = digest
            self.digestValue = digestValue
            self.spuri = spuri
        }
    }

    public init() {}
}

/// Why a signature could not be made.
public struct SigningError: Error, Sendable, CustomStringConvertible {
    public let key: String
    public let message: String
    public var description: String { message }
    public init(_ key: String, _ message: String) {
        self.key = key
        self.message = message
    }
}
