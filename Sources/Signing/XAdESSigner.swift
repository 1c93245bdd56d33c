import PKI
import XMLSecurity

/// A data file as a new signature signs it (made only inside Signing: the memberwise initialiser serves).
public struct SignedFile: Sendable {
    public let name: String
    public let mediaType: String
    public let digest: [UInt8]
}

/// Makes a XAdES baseline-B signature file (`asic:XAdESSignatures` with one `ds:Signature`), the
/// way libdigidocpp lays it out: namespaces on the root, C14N 1.1 for SignedInfo and the
/// SignedProperties reference, SigningCertificateV2 with IssuerSerialV2, a DataObjectFormat per
/// data file. The signature value comes from the private key over our own canonical SignedInfo.
/// Made only by ``ContainerSigner``, so the memberwise initialiser serves.
public struct XAdESSigner {
    public let key: PrivateKey
    public let certificate: Certificate
    public let options: SignatureOptions

    static let c14n11 = "http://www.w3.org/2006/12/xml-c14n11"

    /// The signature file's bytes and the raw signature value.
    public func sign(_ files: [SignedFile], id: String) throws -> (xml: [UInt8], signatureValue: [UInt8]) {
        guard key.matches(certificate) else {
            throw SigningError("sign.key-mismatch", "the private key does not belong to the certificate \(certificate.subject)")
        }
        guard let algorithm = key.signatureAlgorithm(digest: options.digest, pss: options.pss) else {
            throw SigningError("sign.algorithm", "no XML signature algorithm for a \(key.publicKey.summary) key with \(options.digest.rawValue)")
        }
        let draft = document(files, id: id, algorithm: algorithm, propertiesDigest: "", value: "")
        let properties = try element(draft, path: ["Signature", "Object", "QualifyingProperties", "SignedProperties"])
        let propertiesDigest = Digest.hash(try properties.canonicalized(.c14n11(comments: false)), options.digest)
        let unsigned = document(files, id: id, algorithm: algorithm, propertiesDigest: Base64.encode(propertiesDigest), value: "")
        let signedInfo = try element(unsigned, path: ["Signature", "SignedInfo"])
        guard let value = key.sign(try signedInfo.canonicalized(.c14n11(comments: false)), algorithm: algorithm) else {
            throw SigningError("sign.failed", "the private key could not sign")
        }
        let xml = document(files, id: id, algorithm: algorithm, propertiesDigest: Base64.encode(propertiesDigest), value: Base64.encode(value))
        return (Array(xml.utf8), value)
    }

    private func element(_ xml: String, path: [String]) throws -> XMLElement {
        var current = try XMLDocument.parse(Array(xml.utf8)).root
        for name in path { current = current?.children.first { $0.localName == name } }
        guard let current else { throw SigningError("sign.internal", "cannot find \(path.last ?? "") in the signature being made") }
        return current
    }

    private func document(_ files: [SignedFile], id: String, algorithm: SignatureAlgorithm, propertiesDigest: String, value: String) -> String {
        let digestURI = options.digest.uri
        var references = ""
        for (index, file) in files.enumerated() {
            references += "<ds:Reference Id=\"\(id)-RefId\(index)\" URI=\"\(XMLText.escape(XMLText.uri(file.name)))\">"
                + "<ds:DigestMethod Algorithm=\"\(digestURI)\"/><ds:DigestValue>\(Base64.encode(file.digest))</ds:DigestValue></ds:Reference>"
        }
        references += "<ds:Reference Id=\"\(id)-RefId\(files.count)\" Type=\"http://uri.etsi.org/01903#SignedProperties\" URI=\"#\(id)-SignedProperties\">"
            + "<ds:Transforms><ds:Transform Algorithm=\"\(Self.c14n11)\"/></ds:Transforms>"
            + "<ds:DigestMethod Algorithm=\"\(digestURI)\"/><ds:DigestValue>\(propertiesDigest)</ds:DigestValue></ds:Reference>"
        var signed = ""
        if let time = options.signingTime { signed += "<xades:SigningTime>\(ISOTime.format(time))</xades:SigningTime>" }
        signed += "<xades:SigningCertificateV2><xades:Cert><xades:CertDigest><ds:DigestMethod Algorithm=\"\(digestURI)\"/>"
            + "<ds:DigestValue>\(Base64.encode(certificate.digest(options.digest)))</ds:DigestValue></xades:CertDigest>"
            + "<xades:IssuerSerialV2>\(Base64.encode(issuerSerialV2()))</xades:IssuerSerialV2></xades:Cert></xades:SigningCertificateV2>"
        if let policy = options.policy {
            signed += "<xades:SignaturePolicyIdentifier><xades:SignaturePolicyId><xades:SigPolicyId>"
                + "<xades:Identifier Qualifier=\"OIDAsURN\">urn:oid:\(policy.oid)</xades:Identifier></xades:SigPolicyId>"
                + "<xades:SigPolicyHash><ds:DigestMethod Algorithm=\"\(policy.digest.uri)\"/><ds:DigestValue>\(Base64.encode(policy.digestValue))</ds:DigestValue></xades:SigPolicyHash>"
            if let spuri = policy.spuri {
                signed += "<xades:SigPolicyQualifiers><xades:SigPolicyQualifier><xades:SPURI>\(XMLText.escape(spuri))</xades:SPURI></xades:SigPolicyQualifier></xades:SigPolicyQualifiers>"
            }
            signed += "</xades:SignaturePolicyId></xades:SignaturePolicyIdentifier>"
        }
        let place = [("City", options.city), ("StateOrProvince", options.stateOrProvince), ("PostalCode", options.postalCode),
                     ("CountryName", options.countryName)].compactMap { name, value in value.map { "<xades:\(name)>\(XMLText.escape($0))</xades:\(name)>" } }
        if !place.isEmpty { signed += "<xades:SignatureProductionPlaceV2>\(place.joined())</xades:SignatureProductionPlaceV2>" }
        if !options.roles.isEmpty {
            signed += "<xades:SignerRoleV2><xades:ClaimedRoles>" + options.roles.map { "<xades:ClaimedRole>\(XMLText.escape($0))</xades:ClaimedRole>" }.joined()
                + "</xades:ClaimedRoles></xades:SignerRoleV2>"
        }
        var formats = ""
        for (index, file) in files.enumerated() {
            formats += "<xades:DataObjectFormat ObjectReference=\"#\(id)-RefId\(index)\"><xades:MimeType>\(XMLText.escape(file.mediaType))</xades:MimeType></xades:DataObjectFormat>"
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
            + "<asic:XAdESSignatures xmlns:asic=\"http://uri.etsi.org/02918/v1.2.1#\" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" xmlns:xades=\"http://uri.etsi.org/01903/v1.3.2#\">"
            + "<ds:Signature Id=\"\(id)\"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm=\"\(Self.c14n11)\"/>"
            + "<ds:SignatureMethod Algorithm=\"\(algorithm.uri)\"/>\(references)</ds:SignedInfo>"
            + "<ds:SignatureValue Id=\"\(id)-SIG\">\(value)</ds:SignatureValue>"
            + "<ds:KeyInfo Id=\"\(id)-KeyInfo\"><ds:X509Data><ds:X509Certificate>\(Base64.encode(certificate.der))</ds:X509Certificate></ds:X509Data></ds:KeyInfo>"
            + "<ds:Object Id=\"\(id)-object-xades\"><xades:QualifyingProperties Id=\"\(id)-QualifyingProperties\" Target=\"#\(id)\">"
            + "<xades:SignedProperties Id=\"\(id)-SignedProperties\"><xades:SignedSignatureProperties>\(signed)</xades:SignedSignatureProperties>"
            + "<xades:SignedDataObjectProperties>\(formats)</xades:SignedDataObjectProperties></xades:SignedProperties>"
            + "</xades:QualifyingProperties></ds:Object></ds:Signature></asic:XAdESSignatures>\n"
    }

    /// RFC 5035 IssuerSerial: SEQUENCE { GeneralNames { [4] issuer Name }, serialNumber }.
    private func issuerSerialV2() -> [UInt8] {
        var serial = certificate.serialBytes
        if serial.isEmpty { serial = [0] }
        if serial[0] & 0x80 != 0 { serial.insert(0, at: 0) }
        let generalNames = DER.encode(tag: 0x30, DER.encode(tag: 0xA4, certificate.issuerNameDER))
        return DER.encode(tag: 0x30, generalNames + DER.encode(tag: 0x02, serial))
    }
}
