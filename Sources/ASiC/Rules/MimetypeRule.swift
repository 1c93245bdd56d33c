import Findings

/// The `mimetype` entry (EN 319 162-1 A.1): present, first, stored, no extra field, exact value.
/// Peers disagree on how hard to be (libdigidocpp refuses, SiVa/DSS warn); we refuse only a
/// `.bdoc` without it (BDOC 2.1 makes it mandatory) and warn about the rest, the container
/// type then coming from the manifest.
public struct MimetypeRule: ContainerRule {
    public init() {}

    public func check(_ container: ContainerContext) -> [Finding] {
        guard let mimetype = container.mimetype else { return missing(container) }
        var findings: [Finding] = []
        let expected = container.type == .asicS ? ASiCMediaType.asicS : ASiCMediaType.asicE
        if !mimetype.isFirst {
            findings.append(.defect(ContainerDefect.mimetypeNotFirst, .warning, "the mimetype entry is not the first entry of the zip"))
        }
        if !mimetype.isStored {
            findings.append(.defect(ContainerDefect.mimetypeCompressed, .warning, "the mimetype entry is compressed; it must be stored"))
        }
        if mimetype.localExtraLength > 0 {
            findings.append(.defect(ContainerDefect.mimetypeExtraField, .warning,
                                     "the mimetype entry has a \(mimetype.localExtraLength)-byte extra field; it must have none"))
        }
        if mimetype.hasDataDescriptor {
            findings.append(.defect(ContainerDefect.mimetypeDataDescriptor, .warning, "the mimetype entry uses a data descriptor"))
        }
        if mimetype.hasUTF16BOM {
            findings.append(.defect(ContainerDefect.mimetypeUTF16, .error, "the mimetype entry is UTF-16; it must be ASCII"))
        } else if mimetype.hasBOM {
            findings.append(.defect(ContainerDefect.mimetypeBOM, .warning, "the mimetype value starts with a UTF-8 byte-order mark"))
        }
        if mimetype.hasWhitespace {
            findings.append(.defect(ContainerDefect.mimetypeWhitespace, .warning, "the mimetype value has surrounding whitespace or a line break"))
        }
        if mimetype.value != expected {
            let shown = EntryNameRule.escaped(String(mimetype.value.prefix(100)))
            if mimetype.value == ASiCMediaType.bdoc10 {
                findings.append(.defect(ContainerDefect.mimetypeLegacy, .warning,
                                         "mimetype is the BDOC 1.0 type \"\(shown)\" but the content is \(container.type.rawValue)"))
            } else {
                findings.append(.defect(ContainerDefect.mimetypeWrong, .warning,
                                         "mimetype is \"\(shown)\", expected \"\(expected)\" (the \(container.typeSource) identifies the container as \(container.type.rawValue))"))
            }
        }
        return findings
    }

    private func missing(_ container: ContainerContext) -> [Finding] {
        var findings: [Finding] = []
        if let misspelt = container.archive.entries.first(where: { $0.name.lowercased() == "mimetype" }) {
            findings.append(.defect(ContainerDefect.mimetypeMisspelt, .error,
                                   "entry \"\(EntryNameRule.escaped(misspelt.name))\" is not the mimetype entry (names are case-sensitive)"))
        }
        switch container.type {
        case .asicS:
            findings.append(.defect(ContainerDefect.mimetypeMissing, .info, "no mimetype entry (optional in ASiC-S)"))
        case .asicE where container.fileExtension == "bdoc":
            findings.append(.fatalDefect(ContainerDefect.mimetypeMissing, "no mimetype entry; BDOC 2.1 requires one"))
        case .asicE, .xades:
            findings.append(.defect(ContainerDefect.mimetypeMissing, .warning,
                                     "no mimetype entry; the \(container.typeSource) identifies the container as \(container.type.rawValue)"))
        }
        return findings
    }
}
