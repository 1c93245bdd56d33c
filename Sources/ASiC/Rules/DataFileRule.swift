import Findings

/// Data files: empty files (digidoc4j warns), nested containers (never expanded automatically),
/// sub-folders (DigiDoc4 never creates them), and an ASiC-E without any data file.
public struct DataFileRule: ContainerRule {
    public init() {}

    private static let containerExtensions: Set<String> = ["asice", "sce", "bdoc", "asics", "scs", "ddoc", "edoc", "adoc", "zip"]

    public func check(_ container: ContainerContext) -> [Finding] {
        var findings: [Finding] = []
        if container.type == .asicE && container.dataFiles.isEmpty {
            findings.append(.error("asic.no-data-files", "the container holds no data file"))
        }
        for file in container.dataFiles {
            let shown = EntryNameRule.escaped(file.name)
            if file.size == 0 {
                findings.append(.warning("asic.datafile.empty", "data file \"\(shown)\" is empty", subject: shown))
            }
            if let dot = file.name.lastIndex(of: "."),
               Self.containerExtensions.contains(file.name[file.name.index(after: dot)...].lowercased()) {
                findings.append(.info("asic.datafile.nested-container",
                                      "data file \"\(shown)\" is itself a container; it is not opened automatically", subject: shown))
            }
            if container.type == .asicE && file.name.contains("/") {
                findings.append(.info("asic.datafile.subfolder", "data file \"\(shown)\" is in a sub-folder", subject: shown))
            }
        }
        return findings
    }
}
