import Findings
import PKI

/// The outcome of validating one DDOC: its format, data files, signatures and the container verdict.
public struct DDOCValidation: Sendable {
    public let format: DigiDocFormat
    public let dataFiles: [(id: String, name: String, mimeType: String, hashcode: Bool)]
    public let signatures: [DDOCSignatureResult]
    /// SiVa's container-level validationWarnings (not counted against signatures).
    public let containerWarnings: [Finding]
    public let trustSource: String

    public enum Verdict: String, Sendable { case passed = "PASSED", failed = "FAILED", noSignature = "NO-SIGNATURE" }

    public var verdict: Verdict {
        if signatures.isEmpty { return .noSignature }
        return signatures.allSatisfy(\.passed) ? .passed : .failed
    }
}

/// Validates DDOC files offline, as SiVa does: trust anchored directly in SK certificates,
/// every signature an LT-TM time-mark signature.
public struct DDOCValidator: Sendable {
    /// The trust given, or nil for the bundled SK set.
    private let given: DDOCTrust?

    /// What this validator trusts. The bundled set is read on first use: parsing its 25
    /// certificates was a quarter of a one-container process that had no DDOC to validate.
    public var trust: DDOCTrust { given ?? .bundled }

    /// A validator that trusts `trust`.
    public init(trust: DDOCTrust) {
        given = trust
    }

    /// A validator that trusts the bundled SK certificates (TrustData/sk-ddoc).
    public init() {
        given = nil
    }

    /// True when `bytes` look like a DDOC (an XML document whose root is `SignedDoc`).
    public static func looksLikeDDOC(_ bytes: some Collection<UInt8>) -> Bool {
        let prefix = bytes.prefix(2048)
        if Bytes.isASCII(prefix) { return Bytes.contains(prefix, "<SignedDoc") || Bytes.contains(prefix, ":SignedDoc") }
        let head = String(decoding: prefix, as: UTF8.self)
        return head.contains("<SignedDoc") || head.contains(":SignedDoc")
    }

    /// `wrapped`: the DDOC is inside a time-stamped ASiC-S, so SiVa's SHA-1 notice does not apply.
    public func validate(_ bytes: [UInt8], wrapped: Bool = false, streamed: [StreamedDataFile]? = nil) throws(DDOCRejection) -> DDOCValidation {
        validate(try DigiDocFile.parse(bytes, streamed: streamed), wrapped: wrapped)
    }

    /// The same for a file already parsed.
    public func validate(_ file: DigiDocFile, wrapped: Bool = false) -> DDOCValidation {
        let checks = DDOCSignatureChecks(file: file, trust: trust)
        let signatures = file.signatures.enumerated().map { checks.check($1, index: $0) }
        let warnings: [Finding] = signatures.isEmpty || wrapped ? [] : [
            .warning("ddoc.sha1", "The algorithm SHA1 used in DDOC is no longer considered reliable for signature creation!"),
        ]
        return DDOCValidation(format: file.format, dataFiles: file.dataFiles.map { ($0.id, $0.fileName, $0.mimeType, $0.isHashcode) },
                              signatures: signatures, containerWarnings: warnings, trustSource: trust.source)
    }
}

#if canImport(Glibc)
import Glibc
#endif

extension DDOCValidator {
    /// True when the file at `path` is to be read as a DDOC: its name ends in `.ddoc`, or it is an
    /// XML document whose root is `SignedDoc` (a DDOC named otherwise, or given on standard input).
    public static func isDDOC(path: String, name: String? = nil) -> Bool {
        if (name ?? path).lowercased().hasSuffix(".ddoc") { return true }
        guard let handle = fopen(path, "rb") else { return false }
        defer { fclose(handle) }
        var head = [UInt8](repeating: 0, count: 2048)
        let count = fread(&head, 1, head.count, handle)
        guard count > 5, head[0] != 0x50 else { return false } // a zip starts with "PK"
        return looksLikeDDOC(head.prefix(count))
    }

    /// Reads and validates the DDOC at `path`: whole up to ``DigiDocFile/streamingThreshold``,
    /// streamed beyond it (data file bodies digested as they pass, never held), up to
    /// ``DigiDocFile/maxStreamedBytes``. `streaming` forces one way (tests compare the two).
    public func validate(path: String, streaming: Bool? = nil, wrapped: Bool = false) -> (DDOCValidation?, DDOCRejection?) {
        do {
            let (skeleton, streamed) = try Self.load(path: path, streaming: streaming)
            return (try validate(skeleton, wrapped: wrapped, streamed: streamed), nil)
        } catch {
            return (nil, error)
        }
    }

    /// The file's bytes, or its skeleton and streamed DataFiles when it is large.
    /// `decodeContent`: streamed bodies are decoded (size, digests) for inspect, not only for SK-XML.
    public static func load(path: String, streaming: Bool? = nil, decodeContent: Bool = false) throws(DDOCRejection) -> ([UInt8], [StreamedDataFile]?) {
        var info = stat()
        let size = stat(path, &info) == 0 ? Int(info.st_size) : 0
        if streaming ?? (size > DigiDocFile.streamingThreshold) {
            let (skeleton, files) = try DigiDocStream.read(path: path, limit: DigiDocFile.maxStreamedBytes, decode: decodeContent ? true : nil)
            return (skeleton, files)
        }
        return (try read(path: path), nil)
    }

    /// The bytes of the file at `path`, refused beyond ``DigiDocFile/maxBytes``.
    public static func read(path: String) throws(DDOCRejection) -> [UInt8] {
        guard let handle = fopen(path, "rb") else {
            throw DDOCRejection(key: "ddoc.unreadable", message: "cannot open: " + String(cString: strerror(errno)))
        }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = fread(&chunk, 1, chunk.count, handle)
            if count > 0 { bytes += chunk[0..<count] }
            guard bytes.count <= DigiDocFile.maxBytes else {
                throw DDOCRejection(key: "ddoc.too-large", message: "a DDOC larger than \(DigiDocFile.maxBytes >> 20) MiB is not read")
            }
            if count < chunk.count { break }
        }
        return bytes
    }
}

extension DigiDocDataFile {
    /// Writes the decoded content to `sink` (the DDOC at `path` is re-read for a streamed body);
    /// throws for HASHCODE (no content) or undecodable base64.
    public func writeContent(from path: String, into sink: (UnsafeRawBufferPointer) throws -> Void) throws(DDOCRejection) {
        if isHashcode { throw DDOCRejection(key: "ddoc.hashcode", message: "a HASHCODE data file holds no content") }
        if let streamed {
            try DigiDocStream.decodeBody(path: path, range: streamed.bodyRange, into: sink)
            return
        }
        guard let content else { throw DDOCRejection(key: "ddoc.base64", message: "its base64 content cannot be decoded") }
        do { try content.withUnsafeBytes { try sink($0) } } catch { throw DDOCRejection(key: "ddoc.write", message: "\(error)") }
    }
}
