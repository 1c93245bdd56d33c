import ASiC
import Findings
import XMLSecurity

/// A container (or bare XAdES document) with every `ds:Signature` of every signature file read
/// into the XAdES model. Each signature is validated on its own; a file with several
/// signatures yields several.
public final class SignedDocument: Sendable {
    public let container: Container
    public let signatures: [XAdESSignature]
    private let idIndexes: [String: [String: [XMLElement]]]
    /// The `--detached` data files given for a bare XAdES document, as given.
    public let detachedFiles: [String]
    /// Data files of a bare XAdES document given by their digests only.
    public let hashcodeFiles: [HashcodeFile]

    /// Opens `path`. Throws ``InputError`` when the container is not processable, or when a
    /// signature breaks the XAdES schema in a way DSS and libdigidocpp both refuse.
    public static func open(path: String, limits: ZipLimits = .default, detached: [String] = [],
                            hashcodes: [HashcodeFile] = []) throws -> SignedDocument {
        try SignedDocument(container: Container.open(path: path, limits: limits), detached: detached, hashcodes: hashcodes)
    }

    public init(container: Container, detached: [String] = [], hashcodes: [HashcodeFile] = []) throws {
        self.container = container
        self.detachedFiles = detached
        self.hashcodeFiles = hashcodes
        var signatures: [XAdESSignature] = []
        var indexes: [String: [String: [XMLElement]]] = [:]
        for file in container.signatureFiles {
            indexes[file.name] = file.document.idIndex()
            for element in file.signatures {
                signatures.append(SignatureParser.parse(element, file: file.name, index: signatures.count))
            }
        }
        if let fatal = signatures.flatMap(\.findings).firstFatal {
            throw InputError(key: fatal.key, message: "signature \(fatal.subject ?? ""): \(fatal.message)",
                             findings: container.findings)
        }
        self.signatures = signatures
        idIndexes = indexes
    }

    /// The data the references may point to: the container's files, or the detached and
    /// hashcode files given for a bare XAdES document.
    var dataObjects: DataObjects {
        container.type == .xades ? DataObjects(detached: detachedFiles, hashcodes: hashcodeFiles) : DataObjects(container: container)
    }

    /// Elements of the signature's file by Id.
    func idIndex(for signature: XAdESSignature) -> [String: [XMLElement]] { idIndexes[signature.file] ?? [:] }

    /// Checks references, signer and signature value of every signature (no trust involved).
    public func verifyCore() -> [CoreResult] {
        let data = dataObjects
        return signatures.map { signature in
            CoreVerifier(signature: signature, idIndex: idIndex(for: signature), data: data,
                         container: container.type == .xades ? nil : container).verify()
        }
    }
}
