import PKI
import XMLSecurity

/// A `xades:SignatureTimeStamp` or `xades141:ArchiveTimeStamp`, kept as parsed for the time layer.
public struct TimeStampElement: Sendable {
    public let element: XMLElement
    /// `ds:CanonicalizationMethod` of the timestamp, nil when absent (then C14N 1.0 applies).
    public let canonicalizationMethod: String?
    /// DER of each `EncapsulatedTimeStamp` (exactly one is allowed).
    public let tokens: [[UInt8]]
    /// Number of `EncapsulatedTimeStamp` elements that were not base64.
    public let undecodable: Int
    /// Number of `XMLTimeStamp` elements (not supported by any peer here).
    public let xmlTimeStamps: Int

    init(_ element: XMLElement) {
        self.element = element
        canonicalizationMethod = element.ds("CanonicalizationMethod")?.attribute("Algorithm")
        let encapsulated = element.children(XMLNamespace.xades132, "EncapsulatedTimeStamp")
        let decoded = encapsulated.map { Base64.decode($0.text) }
        tokens = decoded.compactMap { $0 }
        undecodable = decoded.count - tokens.count
        xmlTimeStamps = element.children(XMLNamespace.xades132, "XMLTimeStamp").count
    }
}

/// `xades:UnsignedSignatureProperties`: the material that turns B into T, LT, LTA and LT-TM.
public struct UnsignedProperties: Sendable {
    public let element: XMLElement?
    public let signatureTimeStamps: [TimeStampElement]
    /// DER certificates of `CertificateValues/EncapsulatedX509Certificate`.
    public let certificateValues: [[UInt8]]
    /// DER of every `RevocationValues/OCSPValues/EncapsulatedOCSPValue` (whole OCSPResponse).
    public let ocspValues: [[UInt8]]
    /// DER of every `RevocationValues/CRLValues/EncapsulatedCRLValue`.
    public let crlValues: [[UInt8]]
    public let archiveTimeStamps: [TimeStampElement]
    /// `xades141:TimeStampValidationData` elements.
    public let timeStampValidationData: [XMLElement]
    /// The CRL and OCSP references of `CompleteRevocationRefs`.
    public let revocationReferences: [RevocationReference]
    /// Counts of the containers, for structure checks.
    public let certificateValuesCount: Int
    public let revocationValuesCount: Int
    /// 1.3.2-namespace `ArchiveTimeStamp` (old XAdES-A), which libdigidocpp refuses.
    public let legacyArchiveTimeStamps: Int
    /// Local names of children no level here uses (CounterSignature, refs …).
    public let otherChildren: [String]

    static let empty = UnsignedProperties(element: nil)

    init(element: XMLElement?) {
        self.element = element
        let children = element?.children ?? []
        func named(_ namespace: String, _ name: String) -> [XMLElement] {
            children.filter { $0.is(namespace, name) }
        }
        signatureTimeStamps = named(XMLNamespace.xades132, "SignatureTimeStamp").map(TimeStampElement.init)
        let certificateValues = named(XMLNamespace.xades132, "CertificateValues")
        certificateValuesCount = certificateValues.count
        self.certificateValues = certificateValues.flatMap { $0.children(XMLNamespace.xades132, "EncapsulatedX509Certificate") }
            .compactMap { Base64.decode($0.text) }
        let revocation = named(XMLNamespace.xades132, "RevocationValues")
        revocationValuesCount = revocation.count
        ocspValues = revocation.flatMap { $0.children(XMLNamespace.xades132, "OCSPValues") }
            .flatMap { $0.children(XMLNamespace.xades132, "EncapsulatedOCSPValue") }.compactMap { Base64.decode($0.text) }
        crlValues = revocation.flatMap { $0.children(XMLNamespace.xades132, "CRLValues") }
            .flatMap { $0.children(XMLNamespace.xades132, "EncapsulatedCRLValue") }.compactMap { Base64.decode($0.text) }
        archiveTimeStamps = named(XMLNamespace.xades141, "ArchiveTimeStamp").map(TimeStampElement.init)
        legacyArchiveTimeStamps = named(XMLNamespace.xades132, "ArchiveTimeStamp").count
        timeStampValidationData = named(XMLNamespace.xades141, "TimeStampValidationData")
        revocationReferences = RevocationReference.all(in: named(XMLNamespace.xades132, "CompleteRevocationRefs"))
        let known: Set<String> = ["SignatureTimeStamp", "CertificateValues", "RevocationValues", "ArchiveTimeStamp",
                                  "TimeStampValidationData", "CompleteRevocationRefs"]
        otherChildren = children.map(\.localName).filter { !known.contains($0) }
    }
}

extension UnsignedProperties {
    /// OCSP responses in `TimeStampValidationData` (XAdES 1.4.1): validation data added for the
    /// time-stamps of an LTA signature, pooled with the signature's own as DSS pools them.
    public var validationDataOCSPValues: [[UInt8]] {
        timeStampValidationData.flatMap { $0.children(XMLNamespace.xades132, "RevocationValues") }
            .flatMap { $0.children(XMLNamespace.xades132, "OCSPValues") }
            .flatMap { $0.children(XMLNamespace.xades132, "EncapsulatedOCSPValue") }.compactMap { Base64.decode($0.text) }
    }

    /// CRLs in `TimeStampValidationData`.
    public var validationDataCRLValues: [[UInt8]] {
        timeStampValidationData.flatMap { $0.children(XMLNamespace.xades132, "RevocationValues") }
            .flatMap { $0.children(XMLNamespace.xades132, "CRLValues") }
            .flatMap { $0.children(XMLNamespace.xades132, "EncapsulatedCRLValue") }.compactMap { Base64.decode($0.text) }
    }

    /// Certificates in `TimeStampValidationData`.
    public var validationDataCertificates: [[UInt8]] {
        timeStampValidationData.flatMap { $0.children(XMLNamespace.xades132, "CertificateValues") }
            .flatMap { $0.children(XMLNamespace.xades132, "EncapsulatedX509Certificate") }.compactMap { Base64.decode($0.text) }
    }
}
