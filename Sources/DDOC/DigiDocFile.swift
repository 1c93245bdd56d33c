import Findings
import PKI
import XMLSecurity

/// Why a file is not a DDOC that can be validated: SiVa answers such files with a request error
/// instead of a report ("Document malformed or not matching documentType"). The input error every
/// reader uses, under this name where DDOC code reads better with it.
public typealias DDOCRejection = InputError

/// One `DataFile` of a DDOC.
public struct DigiDocDataFile: Sendable {
    public let id: String
    public let fileName: String
    public let mimeType: String
    public let contentType: String
    /// Every attribute as written (the digest covers them all, unknown ones included).
    let attributes: [(name: String, value: String)]
    /// The default namespace the start tag declares itself.
    let ownNamespace: String?
    /// The body text as parsed (base64 for EMBEDDED_BASE64, empty for HASHCODE).
    let body: String
    /// `DigestValue` attribute (SK-XML and HASHCODE), decoded.
    let digestValue: [UInt8]?
    /// Set when the body was streamed past instead of read (a DDOC too large to hold whole).
    public internal(set) var streamed: StreamedDataFile?

    public var isHashcode: Bool { contentType == "HASHCODE" }

    /// The decoded content of an embedded data file; nil for HASHCODE, undecodable base64, or a
    /// streamed body (see ``streamed``).
    public var content: [UInt8]? { isHashcode || streamed != nil ? nil : Base64.decode(body) }

    /// SHA-1 of the decoded content, however it was read.
    var contentSHA1: [UInt8]? { streamed.map(\.contentSHA1) ?? content.map { Digest.hash($0, .sha1) } }
}

/// One `Signature` of a DDOC: its tree and the literal bytes the reference implementation digests.
struct DigiDocSignatureSource {
    let element: XMLElement
    let signedInfoText: [UInt8]?
    let signedPropertiesText: [UInt8]?
    /// A comment, CDATA section or processing instruction inside the signature's bytes: the
    /// literal fragments could then differ from the tree that is read.
    let hasHiddenMarkup: Bool
}

/// A parsed DDOC (DIGIDOC-XML 1.1–1.3, SK-XML 1.0): the container-level facts and findings; the
/// signatures are judged by ``DDOCSignatureChecks``.
public struct DigiDocFile {
    public let format: DigiDocFormat
    public let dataFiles: [DigiDocDataFile]
    let signatures: [DigiDocSignatureSource]
    /// Container errors and warnings (Id rule, old format), which SiVa copies into every signature.
    public let findings: [Finding]

    /// The largest DDOC read whole (base64 data inside XML; libxml2 keeps one text node below 10 MB).
    public static let maxBytes = 256 << 20
    /// Larger files are streamed (``DigiDocStream``): bounded memory whatever their size.
    public static let streamingThreshold = 8 << 20
    public static let maxStreamedBytes = 64 << 30

    /// A DOCTYPE refuses the file, read whole or streamed.
    static let doctypeRejection = DDOCRejection(key: "ddoc.doctype",
                                                message: "Document malformed or not matching documentType: a DOCTYPE (DTD or entity declaration) is not allowed")

    /// `streamed`: what ``DigiDocStream`` computed for each DataFile of a skeleton, in order.
    public static func parse(_ bytes: [UInt8], streamed: [StreamedDataFile]? = nil) throws(DDOCRejection) -> DigiDocFile {
        func reject(_ key: String, _ message: String) -> DDOCRejection { DDOCRejection(key: key, message: message) }
        let document: XMLDocument
        do {
            document = try XMLDocument.parse(bytes, limits: XMLLimits.default.with(maxBytes: maxBytes))
        } catch XMLParseError.doctypeForbidden {
            throw doctypeRejection
        } catch {
            throw reject("ddoc.malformed", "Document malformed or not matching documentType: \(error)")
        }
        guard let root = document.root, root.localName == "SignedDoc" else {
            throw reject("ddoc.not-ddoc", "Document malformed or not matching documentType: the root element is not SignedDoc")
        }
        let formatName = root.attribute("format"), version = root.attribute("version")
        if let problem = DigiDocFormat.problem(format: formatName, version: version) { throw reject("ddoc.format", problem) }
        let format = DigiDocFormat(family: DigiDocFormat.Family(rawValue: formatName ?? "") ?? .digidocXML, version: version ?? "")
        if format.is13, root.namespaceURI != DigiDocFormat.namespace13 {
            throw reject("ddoc.namespace", "Document malformed or not matching documentType: DIGIDOC-XML 1.3 without its namespace")
        }
        var findings: [Finding] = []
        if format.isOld {
            findings.append(.warning("ddoc.old-format", "Old and unsupported format: \(format.family.rawValue) version: \(format.version)"))
        }
        var dataFiles: [DigiDocDataFile] = []
        var signatureElements: [XMLElement] = []
        for child in root.children {
            switch child.localName {
            case "DataFile" where signatureElements.isEmpty:
                if let file = try dataFile(child, format: format, findings: &findings) { dataFiles.append(file) }
            case "Signature":
                signatureElements.append(child)
            default:
                throw reject("ddoc.structure", "Document malformed or not matching documentType: Invalid xml element: \(child.localName)")
            }
        }
        for signature in signatureElements {
            for child in signature.children where !["SignedInfo", "SignatureValue", "KeyInfo", "Object"].contains(child.localName) {
                throw reject("ddoc.structure", "Document malformed or not matching documentType: Invalid xml element: \(child.localName)")
            }
        }
        if let streamed {
            // Every DataFile element of the skeleton, dropped or not, was streamed in order.
            let elements = root.children.filter { $0.localName == "DataFile" }
            guard elements.count == streamed.count else {
                throw reject("ddoc.structure", "Document malformed or not matching documentType: the DataFile elements cannot be delimited")
            }
            var position = 0
            for (index, element) in elements.enumerated() where position < dataFiles.count && dataFiles[position].id == (element.attribute("Id") ?? "")
                && ["EMBEDDED_BASE64", "HASHCODE"].contains(element.attribute("ContentType") ?? "") {
                dataFiles[position].streamed = streamed[index]
                position += 1
            }
        }
        let literal = LiteralFragments(bytes: bytes)
        let ranges = literal.signatures()
        guard ranges.count == signatureElements.count else {
            throw reject("ddoc.structure", "Document malformed or not matching documentType: the Signature elements cannot be delimited")
        }
        let signatures = zip(signatureElements, ranges).map { element, range in
            DigiDocSignatureSource(element: element, signedInfoText: literal.element("SignedInfo", in: range),
                                   signedPropertiesText: literal.element("SignedProperties", in: range),
                                   hasHiddenMarkup: literal.containsHiddenMarkup(in: range))
        }
        return DigiDocFile(format: format, dataFiles: dataFiles, signatures: signatures, findings: findings)
    }

    /// The DataFile, or nil when its content type is not supported: the reference implementation
    /// then drops it with an error (so its Reference finds no DataFile either).
    private static func dataFile(_ element: XMLElement, format: DigiDocFormat, findings: inout [Finding]) throws(DDOCRejection) -> DigiDocDataFile? {
        let id = element.attribute("Id") ?? ""
        let name = element.attribute("Filename") ?? ""
        let contentType = element.attribute("ContentType") ?? ""
        guard contentType == "EMBEDDED_BASE64" || contentType == "HASHCODE" else {
            findings.append(.error("ddoc.content-type", "Currently supports only content types EMBEDDED_BASE64 for DDOC format"))
            return nil
        }
        if name.contains("/") || name.contains("\\") {
            throw DDOCRejection(key: "ddoc.file-name", message: "Failed to parse DataFile name. Invalid file name!")
        }
        if !isValidId(id) {
            findings.append(.error("ddoc.datafile-id", "Id attribute value has to be in form D<number> or DO"))
        }
        let digest = element.attribute("DigestValue").flatMap(Base64.decode)
        return DigiDocDataFile(id: id, fileName: name, mimeType: element.attribute("MimeType") ?? "", contentType: contentType,
                               attributes: element.attributes, ownNamespace: element.ownDefaultNamespace,
                               body: contentType == "HASHCODE" ? "" : element.text, digestValue: digest)
    }

    /// `D` followed by digits, or `DO` (the reference implementation's rule).
    static func isValidId(_ id: String) -> Bool {
        guard id.first == "D", id.count >= 2 else { return false }
        let rest = id.dropFirst()
        return rest == "O" || rest.allSatisfy(\.isASCIIDigit)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
