import PKI
import XMLSecurity

/// One `xades:Cert` of SigningCertificate (v1) or SigningCertificateV2.
public struct SigningCertificateReference: Sendable, DigestedReference {
    public enum Version: Sendable { case v1, v2 }

    public let version: Version
    public let digestMethod: String?
    public let digestValue: [UInt8]?
    /// v1 IssuerSerial: `X509IssuerName` (RFC 4514) and `X509SerialNumber` (decimal, sometimes hex).
    public let issuerName: String?
    public let serialNumber: String?
    /// v2 IssuerSerialV2: DER of RFC 5035 `IssuerSerial`.
    public let issuerSerialV2: [UInt8]?

    init(_ cert: XMLElement, version: Version) {
        self.version = version
        (digestMethod, digestValue) = digestMethodAndValue(in: cert.xades("CertDigest"))
        let issuerSerial = cert.xades("IssuerSerial")
        // Some signers wrote the IssuerSerial children without the ds namespace.
        issuerName = issuerSerial.flatMap { $0.ds("X509IssuerName") ?? $0.children.first { $0.localName == "X509IssuerName" } }?.text
        serialNumber = issuerSerial.flatMap { $0.ds("X509SerialNumber") ?? $0.children.first { $0.localName == "X509SerialNumber" } }?
            .text.trimmingWhitespace
        issuerSerialV2 = cert.xades("IssuerSerialV2").flatMap { Base64.decode($0.text) }
    }
}
