import PKI

/// Adds unsigned properties to a signature file's text. Unsigned properties are outside every
/// digest, so inserting text leaves the signature intact; the elements are placed where EN 319
/// 132-1 wants them (in UnsignedSignatureProperties, after what is already there).
enum UnsignedPropertiesEditor {
    static let xades = "http://uri.etsi.org/01903/v1.3.2#"

    static func insert(_ content: (_ prefix: String) -> String, into xml: String) throws -> String {
        guard let prefix = prefixOfQualifyingProperties(xml) else {
            throw SigningError("extend.structure", "the signature file has no single xades:QualifyingProperties to extend")
        }
        let p = prefix.isEmpty ? "" : prefix + ":"
        let inner = content(prefix)
        func replace(_ target: String, _ replacement: String) -> String? {
            guard let range = xml.firstRange(of: target) else { return nil }
            return String(xml[..<range.lowerBound]) + replacement + String(xml[range.upperBound...])
        }
        if let done = replace("</\(p)UnsignedSignatureProperties>", inner + "</\(p)UnsignedSignatureProperties>") { return done }
        if let done = replace("</\(p)UnsignedProperties>",
                              "<\(p)UnsignedSignatureProperties>\(inner)</\(p)UnsignedSignatureProperties></\(p)UnsignedProperties>") { return done }
        guard let done = replace("</\(p)QualifyingProperties>",
                                 "<\(p)UnsignedProperties><\(p)UnsignedSignatureProperties>\(inner)</\(p)UnsignedSignatureProperties></\(p)UnsignedProperties></\(p)QualifyingProperties>") else {
            throw SigningError("extend.structure", "cannot find the end of QualifyingProperties")
        }
        return done
    }

    /// The prefix bound to the XAdES namespace on QualifyingProperties ("" for a default namespace).
    static func prefixOfQualifyingProperties(_ xml: String) -> String? {
        let parts = xml.components(separatedByString: "QualifyingProperties")
        guard parts.count >= 2 else { return nil }
        // The text before the first occurrence ends with "<prefix:" or "<".
        guard let open = parts[0].lastIndex(of: "<") else { return nil }
        let tag = parts[0][parts[0].index(after: open)...]
        return tag.hasSuffix(":") ? String(tag.dropLast()) : (tag.isEmpty ? "" : nil)
    }

    static func signatureTimeStamp(id: String, token: [UInt8]) -> (String) -> String {
        { p in
            let x = p.isEmpty ? "" : p + ":"
            return "<\(x)SignatureTimeStamp Id=\"\(id)\"><ds:CanonicalizationMethod xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" Algorithm=\"\(XAdESSigner.c14n11)\"/>"
                + "<\(x)EncapsulatedTimeStamp>\(Base64.encode(token))</\(x)EncapsulatedTimeStamp></\(x)SignatureTimeStamp>"
        }
    }

    static func validationData(certificates: [Certificate], ocsp: [[UInt8]]) -> (String) -> String {
        { p in
            let x = p.isEmpty ? "" : p + ":"
            var text = ""
            if !certificates.isEmpty {
                text += "<\(x)CertificateValues>" + certificates.map { "<\(x)EncapsulatedX509Certificate>\(Base64.encode($0.der))</\(x)EncapsulatedX509Certificate>" }.joined()
                    + "</\(x)CertificateValues>"
            }
            text += "<\(x)RevocationValues><\(x)OCSPValues>" + ocsp.map { "<\(x)EncapsulatedOCSPValue>\(Base64.encode($0))</\(x)EncapsulatedOCSPValue>" }.joined()
                + "</\(x)OCSPValues></\(x)RevocationValues>"
            return text
        }
    }

    static func archiveTimeStamp(id: String, token: [UInt8]) -> (String) -> String {
        { p in
            let x = p.isEmpty ? "" : p + ":"
            return "<xades141:ArchiveTimeStamp xmlns:xades141=\"http://uri.etsi.org/01903/v1.4.1#\" Id=\"\(id)\">"
                + "<ds:CanonicalizationMethod xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" Algorithm=\"\(XAdESSigner.c14n11)\"/>"
                + "<\(x)EncapsulatedTimeStamp>\(Base64.encode(token))</\(x)EncapsulatedTimeStamp></xades141:ArchiveTimeStamp>"
        }
    }
}

extension String {
    func components(separatedByString separator: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(self)
        while let range = rest.firstRange(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}
