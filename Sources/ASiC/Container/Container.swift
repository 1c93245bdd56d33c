import Findings
import XMLSecurity

/// An opened signed document: an ASiC-E / ASiC-S container or a bare XAdES file, with its
/// data files, signature files and the findings of the container rules.
///
/// Opening refuses (throws ``InputError``) what cannot be processed; everything else is
/// reported in ``findings``.
public final class Container: Sendable {
    public let path: String
    public let type: ContainerType
    /// The zip archive; nil for a bare XAdES document.
    public let archive: ZipArchive?
    public let mimetype: Mimetype?
    public let manifest: Manifest?
    public let dataFiles: [DataFile]
    public let signatureFiles: [SignatureFile]
    /// META-INF entries signed by no XAdES signature (timestamps, CAdES files, extras).
    public let unsignedMetaFiles: [ZipEntry]
    /// Zip-level findings, then container-rule findings.
    public let findings: [Finding]

    init(path: String, type: ContainerType, archive: ZipArchive?, mimetype: Mimetype?, manifest: Manifest?,
         dataFiles: [DataFile], signatureFiles: [SignatureFile], unsignedMetaFiles: [ZipEntry], findings: [Finding]) {
        self.path = path
        self.type = type
        self.archive = archive
        self.mimetype = mimetype
        self.manifest = manifest
        self.dataFiles = dataFiles
        self.signatureFiles = signatureFiles
        self.unsignedMetaFiles = unsignedMetaFiles
        // Repeated findings are capped per key here, once, so every report stays small.
        self.findings = findings.aggregated()
    }

    /// Opens `path`: sniffs zip vs XML, reads the zip structure, classifies entries, parses the
    /// manifest and signature files, and applies `rules`.
    public static func open(path: String, limits: ZipLimits = .default, rules: ContainerRules = .standard) throws -> Container {
        let file = try RandomAccessFile(path: path)
        if try looksLikeXML(file) {
            return try openXML(path: path, file: file, limits: limits)
        }
        return try ContainerOpener(path: path, archive: ZipArchive(file: file, limits: limits), rules: rules).open()
    }

    /// Total number of `ds:Signature` elements across the signature files.
    public var signatureCount: Int { signatureFiles.reduce(0) { $0 + $1.signatures.count } }

    private static func looksLikeXML(_ file: RandomAccessFile) throws -> Bool {
        let head = try file.read(at: 0, count: Int(min(file.size, 64)))
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        while let first = bytes.first, first == 0x20 || first == 0x09 || first == 0x0A || first == 0x0D {
            bytes = bytes.dropFirst()
        }
        return bytes.first == UInt8(ascii: "<")
    }

    private static func openXML(path: String, file: RandomAccessFile, limits: ZipLimits) throws -> Container {
        guard file.size <= UInt64(limits.maxMetadataSize) else {
            throw InputError(key: "xml.too-large", message: "XML document of \(file.size) bytes exceeds the \(limits.maxMetadataSize)-byte limit")
        }
        return try xml(bytes: file.read(at: 0, count: Int(file.size)), name: path, limits: limits)
    }

    /// A bare XML document holding XML signatures (XAdES, or an enveloped-signed document such as a
    /// trusted list), from bytes already in memory.
    public static func xml(bytes: [UInt8], name: String, limits: ZipLimits = .default) throws -> Container {
        let document: XMLDocument
        do {
            document = try XMLDocument.parse(bytes, limits: limits.xmlLimits)
        } catch let error as XMLParseError {
            throw InputError(key: error.key, message: error.description)
        }
        let signatureFile = try SignatureFile.standalone(name: name, document: document)
        return Container(path: name, type: .xades, archive: nil, mimetype: nil, manifest: nil, dataFiles: [],
                         signatureFiles: [signatureFile], unsignedMetaFiles: [], findings: [])
    }
}
