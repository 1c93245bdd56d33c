import Findings

/// META-INF entries other than the manifest and the XAdES signature files are not covered by any
/// XAdES signature: listed as unsigned, never opened or executed.
public struct MetaInfRule: ContainerRule {
    public init() {}

    public func check(_ container: ContainerContext) -> [Finding] {
        container.otherMetaFiles.compactMap { entry in
            let shown = EntryNameRule.escaped(entry.name)
            if container.type == .asicS && (entry.name == "META-INF/timestamp.tst" || entry.name == "META-INF/signature.p7s"
                || entry.name.hasPrefix("META-INF/ASiCArchiveManifest") || entry.name.hasPrefix("META-INF/timestamp")) {
                return nil
            }
            if container.type == .asicS && entry.name == EntryKind.manifest { return nil }
            if entry.name.hasSuffix(".p7s") || entry.name.hasPrefix("META-INF/ASiCManifest") {
                return .warning("asic.meta-inf.cades",
                                "\"\(shown)\" belongs to a CAdES signature, which this validator does not check", subject: shown)
            }
            return .info("asic.meta-inf.unsigned", "\"\(shown)\" is in META-INF and signed by no XAdES signature", subject: shown)
        }
    }
}
