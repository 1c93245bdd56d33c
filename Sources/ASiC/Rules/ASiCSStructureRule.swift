import Findings

/// ASiC-S (EN 319 162-1 §4.3): exactly one data object, at the root; META-INF holds one
/// signature (`signatures.xml`, `signature.p7s`), a `timestamp.tst` or an evidence record;
/// a manifest.xml is not part of the format and is ignored.
public struct ASiCSStructureRule: ContainerRule {
    public init() {}

    public func check(_ container: ContainerContext) -> [Finding] {
        guard container.type == .asicS else { return [] }
        var findings: [Finding] = []
        let data = container.dataFiles
        if data.count != 1 {
            findings.append(.fatal("asic-s.data-objects", "ASiC-S must hold exactly one data object; this one holds \(data.count)"))
        } else if data[0].name.contains("/") {
            findings.append(.fatal("asic-s.subfolder",
                                   "the ASiC-S data object \"\(EntryNameRule.escaped(data[0].name))\" is in a sub-folder"))
        }
        let meta = Set(container.archive.entries.filter(EntryKind.isMeta).map(\.name))
        let evidence = meta.contains { $0.hasPrefix("META-INF/evidencerecord") }
        if !meta.contains("META-INF/signatures.xml") && !meta.contains("META-INF/signature.p7s")
            && !meta.contains("META-INF/timestamp.tst") && !evidence && container.signatureFiles.isEmpty {
            findings.append(.error("asic-s.no-signature",
                                   "ASiC-S has no META-INF/signatures.xml, signature.p7s, timestamp.tst or evidence record"))
        }
        if container.hasManifestEntry {
            findings.append(.warning("asic-s.manifest", "META-INF/manifest.xml is not part of ASiC-S; it is ignored (unsigned)"))
        }
        return findings
    }
}
