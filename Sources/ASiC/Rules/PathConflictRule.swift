import Findings

/// A name used both as a file and as a folder (`a` and `a/b`), which also covers a symbolic-link
/// entry followed by an entry through it: no extraction can create both, and readers disagree on
/// which one the container means. Refused when the container is read, before anything is written.
public struct PathConflictRule: ContainerRule {
    public init() {}

    public func check(_ container: ContainerContext) -> [Finding] {
        let files = Set(container.archive.entries.filter { !$0.isDirectory }.map(\.name))
        var findings: [Finding] = []
        for entry in container.archive.entries {
            var prefix = ""
            for segment in EntryPath.segments(entry.name, omittingEmpty: true).dropLast() {
                prefix += (prefix.isEmpty ? "" : "/") + segment
                if files.contains(prefix) {
                    let shown = EntryNameRule.escaped(entry.name)
                    findings.append(.fatal("zip.name.file-and-folder",
                                           "entry \"\(shown)\" goes through \"\(EntryNameRule.escaped(prefix))\", which is also a file entry", subject: shown))
                    break
                }
            }
            if findings.count >= 20 { break }
        }
        return findings
    }
}
