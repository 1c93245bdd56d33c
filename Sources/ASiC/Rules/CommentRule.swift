import Findings

/// Archive and entry comments are unsigned: shown as such, never trusted.
public struct CommentRule: ContainerRule {
    public init() {}

    public func check(_ container: ContainerContext) -> [Finding] {
        var findings: [Finding] = []
        if !container.archive.comment.isEmpty {
            let text = String(decoding: container.archive.comment.prefix(200), as: UTF8.self)
            findings.append(.info("zip.comment", "archive comment (unsigned): \(EntryNameRule.escaped(text))"))
        }
        let commented = container.archive.entries.filter { !$0.comment.isEmpty }
        if !commented.isEmpty {
            findings.append(.info("zip.entry-comment", "\(commented.count) entries carry comments (unsigned)"))
        }
        return findings
    }
}
