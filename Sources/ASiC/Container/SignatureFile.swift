import Findings
import XMLSecurity

/// A signature file (`META-INF/*signatures*.xml`, or a bare XAdES document), parsed with the
/// hardened XML settings and kept for the XAdES layer.
public struct SignatureFile: Sendable {
    /// Entry name in the container, or the file path for a bare XAdES document.
    public let name: String
    public let document: XMLDocument
    /// Every `ds:Signature` to validate, in document order: the children of
    /// `asic:XAdESSignatures`, or the signatures found in a bare document.
    public let signatures: [XMLElement]
    /// `{namespace}localName` of the root, for reports.
    public let rootName: String
    /// Structural findings about this file.
    public let findings: [Finding]

    /// Reads a container signature file: the root must be `asic:XAdESSignatures` holding only
    /// `ds:Signature` children (EN 319 162-1 schema, enforced by libdigidocpp).
    static func container(name: String, bytes: [UInt8], limits: XMLLimits = .default) throws -> SignatureFile {
        let document = try XMLDocument.parse(bytes, limits: limits)
        guard let root = document.root else { throw XMLParseError.empty }
        var findings: [Finding] = []
        var signatures: [XMLElement] = []
        if root.is(XMLNamespace.asic, "XAdESSignatures") {
            for child in root.children {
                if child.is(XMLNamespace.dsig, "Signature") {
                    signatures.append(child)
                } else {
                    findings.append(.error("asic.signature-file.unexpected-element",
                                           "<\(child.localName)> on line \(child.line) is not a ds:Signature", subject: name))
                }
            }
        } else if root.is(XMLNamespace.dsig, "Signature") {
            signatures = [root]
            findings.append(.error("asic.signature-file.root",
                                   "root is ds:Signature, not asic:XAdESSignatures (BDOC 1.0 style)", subject: name))
        } else {
            findings.append(.error("asic.signature-file.root",
                                   "root <\(root.localName)> is not asic:XAdESSignatures", subject: name))
        }
        if signatures.isEmpty {
            findings.append(.error("asic.signature-file.empty", "holds no ds:Signature", subject: name))
        } else if signatures.count > 1 {
            findings.append(.info("asic.signature-file.several",
                                  "holds \(signatures.count) signatures; each is validated", subject: name))
        }
        return SignatureFile(name: name, document: document, signatures: signatures,
                             rootName: Self.qualified(root), findings: findings)
    }

    /// Reads a bare XML document: XAdESSignatures, an enveloping `ds:Signature`, or a document
    /// with enveloped signatures. DDOC (DIGIDOC-XML) and other XML are refused.
    static func standalone(name: String, document: XMLDocument) throws -> SignatureFile {
        guard let root = document.root else { throw XMLParseError.empty }
        if root.localName == "SignedDoc" {
            throw InputError(key: "format.ddoc",
                             message: "DIGIDOC-XML (DDOC) is a legacy format; it is not an ASiC container or XAdES signature")
        }
        var signatures: [XMLElement]
        if root.is(XMLNamespace.asic, "XAdESSignatures") {
            signatures = root.children(XMLNamespace.dsig, "Signature")
        } else if root.is(XMLNamespace.dsig, "Signature") {
            signatures = [root]
        } else {
            // Enveloped: signatures anywhere below the root, but not signatures nested in signatures.
            signatures = root.descendants(XMLNamespace.dsig, "Signature")
        }
        guard !signatures.isEmpty else {
            throw InputError(key: "format.unknown-xml",
                             message: "XML document <\(root.localName)> holds no XML signature")
        }
        return SignatureFile(name: name, document: document, signatures: signatures,
                             rootName: qualified(root), findings: [])
    }

    private static func qualified(_ element: XMLElement) -> String {
        "{\(element.namespaceURI ?? "")}\(element.localName)"
    }
}
