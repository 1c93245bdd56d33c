import Findings
import PKI
import XMLSecurity

/// One `ds:Signature` read into the XAdES model. Values come only from this signature's own
/// elements (never from a document-wide search), so a wrapped copy elsewhere cannot be shown.
public struct XAdESSignature: Sendable {
    /// Name of the signature file it came from.
    public let file: String
    /// Position in document order within the file.
    public let index: Int
    public let element: XMLElement
    public let id: String?
    public let signedInfo: XMLElement?
    public let canonicalizationMethod: String?
    public let signatureMethod: String?
    public let pssParameters: PSSParameters?
    public let references: [Reference]
    public let signatureValueElement: XMLElement?
    /// Decoded SignatureValue; nil when absent or not base64.
    public let signatureValue: [UInt8]?
    /// DER certificates of `KeyInfo/X509Data/X509Certificate`, in order.
    public let keyInfoCertificates: [[UInt8]]
    public let qualifyingProperties: XMLElement?
    public let signedProperties: XMLElement?
    public let signingTime: String?
    public let signingCertificates: [SigningCertificateReference]
    public let policy: SignaturePolicy?
    public let dataObjectFormats: [DataObjectFormat]
    public let claimedRoles: [String]
    public let productionPlace: ProductionPlace?
    public let unsigned: UnsignedProperties
    /// Structural findings (missing or repeated elements, unsupported properties).
    public let findings: [Finding]

    public struct DataObjectFormat: Sendable, Hashable {
        public let objectReference: String?
        public let mimeType: String?
    }

    public struct ProductionPlace: Sendable, Hashable {
        public let city: String?
        public let streetAddress: String?
        public let stateOrProvince: String?
        public let postalCode: String?
        public let countryName: String?

        /// `City, State, Postal, Country` without empty parts.
        public var summary: String {
            [streetAddress, city, stateOrProvince, postalCode, countryName].compactMap { $0 }.filter { !$0.isEmpty }
                .joined(separator: ", ")
        }
    }

    /// A label for reports: the Id, else `S<index>`.
    public var label: String { id ?? "S\(index)" }
}
