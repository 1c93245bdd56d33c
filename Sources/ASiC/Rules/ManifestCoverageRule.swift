import Findings

/// The manifest and the zip must describe the same data files, both ways. SiVa and DSS still
/// validate such containers (the signatures then decide), so these are errors, not refusals.
public struct ManifestCoverageRule: ContainerRule {
    public init() {}

    public func check(_ container: ContainerContext) -> [Finding] {
        guard container.type == .asicE, let manifest = container.manifest else { return [] }
        var findings: [Finding] = []
        // Names match byte for byte: NFC and NFD spellings are different files.
        let listed = Set(manifest.entries.map { Array($0.fullPath.utf8) })
        for file in container.dataFiles where !listed.contains(file.entry.rawName) {
            let shown = EntryNameRule.escaped(file.name)
            findings.append(.defect(ContainerDefect.manifestFileNotListed, .error,
                                   "data file \"\(shown)\" is not described in the manifest", subject: shown))
        }
        let present = Set(container.archive.entries.map(\.rawName))
        for entry in manifest.entries where entry.fullPath != "/" && !entry.fullPath.isEmpty && !entry.fullPath.hasSuffix("/") {
            let shown = EntryNameRule.escaped(entry.fullPath)
            if entry.fullPath.hasPrefix("META-INF/") {
                findings.append(.info("asic.manifest.lists-meta-inf",
                                      "manifest lists \"\(shown)\" (older signers listed signature files; tolerated)", subject: shown))
            } else if !present.contains(Array(entry.fullPath.utf8)) {
                findings.append(.defect(ContainerDefect.manifestFileMissing, .error,
                                       "manifest lists \"\(shown)\" but the container has no such file", subject: shown))
            }
        }
        return findings
    }
}
