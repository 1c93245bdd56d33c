import XMLSecurity

/// XAdES vocabulary beyond the namespaces.
enum XAdESURI {
    static let signedPropertiesType = "http://uri.etsi.org/01903#SignedProperties"
    /// XAdES 1.1.1 / 1.2.2 spelled the type with a version.
    static let legacySignedPropertiesTypes: Set<String> = [
        "http://uri.etsi.org/01903/v1.1.1#SignedProperties", "http://uri.etsi.org/01903/v1.2.2#SignedProperties",
    ]
    static let base64Transform = "http://www.w3.org/2000/09/xmldsig#base64"
    static let envelopedSignature = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
    /// The Type of a counter-signature's reference to the SignatureValue it counter-signs.
    static let countersignedSignatureType = "http://uri.etsi.org/01903#CountersignedSignature"
    static let exclusiveC14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
    static let pss = "http://www.w3.org/2007/05/xmldsig-more#"
}

extension XMLElement {
    func xades(_ name: String) -> XMLElement? { child(XMLNamespace.xades132, name) }
    func ds(_ name: String) -> XMLElement? { child(XMLNamespace.dsig, name) }
}
