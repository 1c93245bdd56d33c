import Findings

/// Archive and entry comments are unsigned: shown as such, never trusted.
public struct CommentRule: ContainerRule {
    public init() {}

    public func check(_ container: ContainerContext) -> [Finding] {
        var findings: [Finding] = []
        if !container.archive.comment.isEmpty {
            findings.append(.info("zip.comment", "archive comment (unsigned): \(Self.excerpt(container.archive.comment))"))
        }
        let commented = container.archive.entries.filter { !$0.comment.isEmpty }
        if !commented.isEmpty {
            findings.append(.info("zip.entry-comment", "\(commented.count) entries carry comments (unsigned)"))
        }
        return findings
    }

    /// The comment as text: whole when short, else its first 200 characters cut at a word boundary
    /// (never inside a word or a character) with the total length, escaped for display.
    static func excerpt(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.count > 200 else { return EntryNameRule.escapedWhole(text) }
        var cut = String(text.prefix(200))
        if let space = cut.lastIndex(where: \.isWhitespace), cut.distance(from: space, to: cut.endIndex) < 40 {
            cut = String(cut[..<space])
        }
        return EntryNameRule.escapedWhole(cut) + "… (\(bytes.count) bytes in all)"
    }
}
