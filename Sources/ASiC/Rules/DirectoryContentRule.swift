import Findings

/// A folder entry (its name ends in `/`) that holds bytes: nothing shows, extracts or signs them,
/// so they are unsigned content hidden in the archive. An empty folder entry is ordinary; its data
/// may still be an empty deflate stream of a few bytes, so only a declared size or compressed data
/// beyond that counts.
public struct DirectoryContentRule: ContainerRule {
    /// The most compressed bytes an empty deflate stream takes (an empty stored block is 5).
    static let emptyStreamLimit: UInt64 = 8

    public init() {}

    public func check(_ container: ContainerContext) -> [Finding] {
        container.archive.entries.filter { $0.isDirectory && ($0.uncompressedSize > 0 || $0.compressedSize > Self.emptyStreamLimit) }
            .prefix(20).map { entry in
                let shown = EntryNameRule.escaped(entry.name)
                return .error("zip.directory-with-content",
                              "folder entry \"\(shown)\" holds \(max(entry.uncompressedSize, entry.compressedSize)) bytes that are never shown, extracted or signed",
                              subject: shown)
            }
    }
}
