import Findings
import XMLSecurity

/// Turns a checked zip archive into a ``Container``: reads the mimetype, decides the type,
/// parses manifest and signature files, then lets the rules judge.
struct ContainerOpener {
    let path: String
    let archive: ZipArchive
    let rules: ContainerRules

    func open() throws -> Container {
        var findings = archive.findings
        let mimetype = try readMimetype()
        var manifest: Manifest?
        var manifestError: Finding?
        if let entry = archive.entry(named: EntryKind.manifest) {
            do {
                manifest = try Manifest.parse(archive.contents(of: entry), limits: archive.limits.xmlLimits)
            } catch let error as InputError {
                manifestError = .fatal(error.key, error.message)
            } catch {
                manifestError = .fatal("asic.manifest.malformed", "META-INF/manifest.xml cannot be read: \(Self.describe(error))")
            }
        }
        let signatureEntries = archive.entries.filter(EntryKind.isSignatureFile)
        guard let (type, source) = detectType(mimetype: mimetype, manifest: manifest, signatureEntries: signatureEntries) else {
            throw InputError(key: "asic.not-a-container", message: notContainerReason(mimetype: mimetype), findings: findings)
        }
        var signatureFiles: [SignatureFile] = []
        for entry in signatureEntries {
            do {
                signatureFiles.append(try SignatureFile.container(name: entry.name, bytes: archive.contents(of: entry), limits: archive.limits.xmlLimits))
            } catch {
                throw InputError(key: "asic.signature-file.malformed",
                                 message: "\(entry.name) cannot be read: \(Self.describe(error))", findings: findings)
            }
        }
        var mediaTypes: [[UInt8]: String] = [:]
        if type == .asicE, let manifest {
            for entry in manifest.entries {
                if let mediaType = entry.mediaType { mediaTypes[Array(entry.fullPath.utf8)] = mediaType }
            }
        }
        let dataFiles = archive.entries.filter(EntryKind.isData).map { DataFile(entry: $0, mediaType: mediaTypes[$0.rawName]) }
        let others = archive.entries.filter {
            EntryKind.isMeta($0) && !$0.isDirectory && !EntryKind.isSignatureFile($0) && (type == .asicS || $0.name != EntryKind.manifest)
        }
        let context = ContainerContext(path: path, archive: archive, type: type, typeSource: source, mimetype: mimetype,
                                       manifest: type == .asicE ? manifest : nil,
                                       manifestError: type == .asicE ? manifestError : nil,
                                       dataFiles: dataFiles, signatureFiles: signatureFiles, otherMetaFiles: others)
        findings += rules.check(context)
        if let fatal = findings.firstFatal {
            throw InputError(fatal, findings: findings)
        }
        return Container(path: path, type: type, archive: archive, mimetype: mimetype, manifest: context.manifest,
                         dataFiles: dataFiles, signatureFiles: signatureFiles, unsignedMetaFiles: others, findings: findings)
    }

    private func readMimetype() throws -> Mimetype? {
        guard let entry = archive.entry(named: "mimetype") else { return nil }
        let raw: [UInt8]
        do {
            raw = try archive.contents(of: entry, limit: 256)
        } catch let error as ZipReadError {
            throw InputError(key: error.key, message: "mimetype: \(error.message)")
        }
        return Mimetype(raw: raw, isFirst: entry.index == 0, isStored: entry.isStored,
                        localExtraLength: entry.localExtraLength, hasDataDescriptor: entry.hasDataDescriptor)
    }

    /// DSS's order: the mimetype, else the manifest's `/` entry, else the structure.
    private func detectType(mimetype: Mimetype?, manifest: Manifest?, signatureEntries: [ZipEntry]) -> (ContainerType, String)? {
        if let type = ASiCMediaType.containerType(mimetype?.value) { return (type, "mimetype") }
        if let type = ASiCMediaType.containerType(manifest?.rootMediaType) { return (type, "manifest") }
        if mimetype?.value == ASiCMediaType.bdoc10 { return nil }
        let dataCount = archive.entries.filter(EntryKind.isData).count
        let names = Set(archive.entries.map(\.name))
        if names.contains("META-INF/timestamp.tst") || names.contains("META-INF/signature.p7s")
            || names.contains("META-INF/signatures.xml"), dataCount == 1 {
            return (.asicS, "structure")
        }
        if !signatureEntries.isEmpty { return (.asicE, "structure") }
        return nil
    }

    private func notContainerReason(mimetype: Mimetype?) -> String {
        if mimetype?.value == ASiCMediaType.bdoc10 {
            return "BDOC 1.0 container (application/vnd.bdoc-1.0) is a legacy format and not supported"
        }
        if let mimetype {
            return "not an ASiC container: mimetype is \"\(EntryNameRule.escaped(String(mimetype.value.prefix(80))))\", and no manifest or signature file says otherwise"
        }
        return "not an ASiC container: a plain zip without mimetype, manifest or signature files"
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as XMLParseError: error.description
        case let error as ZipReadError: error.message
        case let error as InputError: error.message
        default: "\(error)"
        }
    }
}
