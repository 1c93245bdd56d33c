import Findings
import PKI
import XMLSecurity

/// Reads a `ds:Signature` into ``XAdESSignature`` and records its structural defects as findings
/// (EN 319 132-1 and the libdigidocpp/digidoc4j structure rules), instead of refusing it: the
/// caller decides what is fatal.
enum SignatureParser {
    static func parse(_ element: XMLElement, file: String, index: Int) -> XAdESSignature {
        var findings: [Finding] = []
        let label = element.attribute("Id") ?? "S\(index)"
        func error(_ key: String, _ message: String) { findings.append(.error(key, message, subject: label)) }
        func defect(_ defect: SignatureDefect, _ level: FindingLevel, _ message: String) {
            findings.append(.defect(defect, level, message, subject: label))
        }
        func warning(_ key: String, _ message: String) { findings.append(.warning(key, message, subject: label)) }

        let id = element.attribute("Id")
        if id == nil { warning("xades.structure.no-id", "ds:Signature has no Id attribute") }

        let signedInfos = element.children(XMLNamespace.dsig, "SignedInfo")
        if signedInfos.count != 1 { defect(.signedInfoCount, .error, "ds:Signature has \(signedInfos.count) SignedInfo elements, expected 1") }
        let signedInfo = signedInfos.first
        let c14n = signedInfo?.ds("CanonicalizationMethod")?.attribute("Algorithm")
        let methodElement = signedInfo?.ds("SignatureMethod")
        let method = methodElement?.attribute("Algorithm")
        if signedInfo != nil && methodElement == nil { defect(.signatureMethodMissing, .error, "SignedInfo has no SignatureMethod") }
        let references = signedInfo?.children(XMLNamespace.dsig, "Reference").map(Reference.init) ?? []

        let values = element.children(XMLNamespace.dsig, "SignatureValue")
        if values.count != 1 { defect(.signatureValueCount, .error, "ds:Signature has \(values.count) SignatureValue elements, expected 1") }
        let signatureValue = values.first.flatMap { Base64.decode($0.text) }
        if values.count == 1 && signatureValue == nil {
            defect(.signatureValueNotBase64, .error, "SignatureValue is not base64")
        }

        let keyInfo = element.ds("KeyInfo")
        let keyInfoCertificates = keyInfo?.children(XMLNamespace.dsig, "X509Data")
            .flatMap { $0.children(XMLNamespace.dsig, "X509Certificate") }.compactMap { Base64.decode($0.text) } ?? []
        if keyInfoCertificates.isEmpty {
            warning("xades.structure.no-keyinfo-certificate", "KeyInfo holds no X509Certificate (required by XAdES baseline B)")
        }

        let objects = element.children(XMLNamespace.dsig, "Object")
        let qualifying = objects.flatMap { $0.children(XMLNamespace.xades132, "QualifyingProperties") }
        if qualifying.count != 1 {
            defect(.qualifyingPropertiesCount, .error, "found \(qualifying.count) QualifyingProperties, expected exactly 1")
        }
        let qp = qualifying.first
        if let qp, let id, qp.attribute("Target") != "#" + id {
            defect(.qualifyingPropertiesTarget, .error, "QualifyingProperties Target \"\(qp.attribute("Target") ?? "")\" does not point to this signature (#\(id))")
        }
        let signedProperties = qp?.xades("SignedProperties")
        if qp != nil && signedProperties == nil { defect(.signedPropertiesMissing, .error, "QualifyingProperties has no SignedProperties") }
        let signedSignatureProperties = signedProperties?.xades("SignedSignatureProperties")
        if signedProperties != nil && signedSignatureProperties == nil {
            defect(.signedSignaturePropertiesMissing, .error, "SignedProperties has no SignedSignatureProperties")
        }

        let signingTime = signedSignatureProperties?.xades("SigningTime")?.text.trimmingWhitespace
        if signedSignatureProperties != nil && signingTime == nil {
            warning("xades.signing-time.missing", "no SigningTime (required by XAdES baseline B)")
        }
        var signingCertificates: [SigningCertificateReference] = []
        if let v1 = signedSignatureProperties?.xades("SigningCertificate") {
            signingCertificates += v1.children(XMLNamespace.xades132, "Cert").map { SigningCertificateReference($0, version: .v1) }
        }
        if let v2 = signedSignatureProperties?.xades("SigningCertificateV2") {
            signingCertificates += v2.children(XMLNamespace.xades132, "Cert").map { SigningCertificateReference($0, version: .v2) }
        }
        if signedSignatureProperties != nil && signingCertificates.isEmpty {
            defect(.signingCertificateMissing, .error, "no SigningCertificate or SigningCertificateV2 reference")
        }
        let policy = signedSignatureProperties?.xades("SignaturePolicyIdentifier").map(SignaturePolicy.init)

        let formats = signedProperties?.xades("SignedDataObjectProperties")?.children(XMLNamespace.xades132, "DataObjectFormat")
            .map { XAdESSignature.DataObjectFormat(objectReference: $0.attribute("ObjectReference"), mimeType: $0.xades("MimeType")?.text.trimmingWhitespace) } ?? []

        let role = signedSignatureProperties?.xades("SignerRoleV2") ?? signedSignatureProperties?.xades("SignerRole")
        let roles = role?.xades("ClaimedRoles")?.children(XMLNamespace.xades132, "ClaimedRole").map { $0.text.trimmingWhitespace } ?? []
        let place = (signedSignatureProperties?.xades("SignatureProductionPlaceV2") ?? signedSignatureProperties?.xades("SignatureProductionPlace"))
            .map { place in
                XAdESSignature.ProductionPlace(city: place.xades("City")?.text, streetAddress: place.xades("StreetAddress")?.text,
                                               stateOrProvince: place.xades("StateOrProvince")?.text,
                                               postalCode: place.xades("PostalCode")?.text, countryName: place.xades("CountryName")?.text)
            }

        let unsignedElement = qp?.xades("UnsignedProperties")?.xades("UnsignedSignatureProperties")
        let unsigned = UnsignedProperties(element: unsignedElement)
        for (kind, stamps) in [("signature", unsigned.signatureTimeStamps), ("archive", unsigned.archiveTimeStamps)] {
            for stamp in stamps where stamp.tokens.count + stamp.undecodable + stamp.xmlTimeStamps != 1 {
                // DSS ("More than one result for XPath") and libdigidocpp (schema) both refuse the container.
                findings.append(.fatal("xades.timestamp.token-count",
                                       "a \(kind) timestamp holds \(stamp.tokens.count + stamp.undecodable + stamp.xmlTimeStamps) time-stamp tokens, expected exactly 1",
                                       subject: label))
            }
        }
        if unsigned.legacyArchiveTimeStamps > 0 {
            warning("xades.unsupported.legacy-archive-timestamp", "XAdES 1.3.2 ArchiveTimeStamp (old XAdES-A) is not supported")
        }
        // CompleteRevocationRefs only point at values; one that points at nothing carried here is said, never used.
        let revocationValues: [RevocationReference.Kind: [[UInt8]]] = [
            .crl: unsigned.crlValues + unsigned.validationDataCRLValues, .ocsp: unsigned.ocspValues + unsigned.validationDataOCSPValues,
        ]
        for reference in unsigned.revocationReferences {
            guard let algorithm = reference.digestAlgorithm, let digest = reference.digestValue else {
                warning("xades.revocation-ref.unchecked", "a \(reference.kind.rawValue) reference of CompleteRevocationRefs has no digest that can be checked")
                continue
            }
            if !(revocationValues[reference.kind] ?? []).contains(where: { Digest.hash($0, algorithm) == digest }) {
                warning("xades.revocation-ref.unmatched",
                        "CompleteRevocationRefs names a \(reference.kind.rawValue) (digest \(Base64.encode(digest))) that the signature does not carry")
            }
        }
        for other in unsigned.otherChildren {
            findings.append(.info("xades.unsupported.property", "unsigned property \(other) is not evaluated", subject: label))
        }
        if let unsignedDataObject = qp?.xades("UnsignedProperties")?.xades("UnsignedDataObjectProperties"), !unsignedDataObject.children.isEmpty {
            findings.append(.info("xades.unsupported.property", "UnsignedDataObjectProperties are not evaluated", subject: label))
        }

        return XAdESSignature(
            file: file, index: index, element: element, id: id, signedInfo: signedInfo, canonicalizationMethod: c14n,
            signatureMethod: method, pssParameters: methodElement.flatMap(pssParameters), references: references,
            signatureValueElement: values.first, signatureValue: signatureValue, keyInfoCertificates: keyInfoCertificates,
            qualifyingProperties: qp, signedProperties: signedProperties, signingTime: signingTime,
            signingCertificates: signingCertificates, policy: policy, dataObjectFormats: formats, claimedRoles: roles,
            productionPlace: place, unsigned: unsigned, findings: findings)
    }

    /// `RSAPSSParams` under an `rsa-pss` SignatureMethod.
    private static func pssParameters(_ method: XMLElement) -> PSSParameters? {
        guard let params = method.child(XAdESURI.pss, "RSAPSSParams") else { return nil }
        let digest = params.ds("DigestMethod")?.attribute("Algorithm").flatMap(DigestAlgorithm.init(uri:)) ?? .sha256
        let mgf = params.child(XAdESURI.pss, "MaskGenerationFunction")?.ds("DigestMethod")?.attribute("Algorithm")
            .flatMap(DigestAlgorithm.init(uri:)) ?? digest
        let salt = params.child(XAdESURI.pss, "SaltLength").flatMap { Int($0.text.trimmingWhitespace) } ?? digest.length
        return PSSParameters(digest: digest, mgf1Digest: mgf, saltLength: salt)
    }
}
