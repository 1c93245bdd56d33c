import Findings

/// An entry marked as a Unix symbolic link: other tools would create a link when extracting.
/// We never do (its bytes are data), but the container is suspicious.
public struct SymlinkRule: ContainerRule {
    public init() {}

    public func check(_ container: ContainerContext) -> [Finding] {
        container.archive.entries.filter(\.isSymlink).map {
            .error("zip.entry.symlink", "entry \"\(EntryNameRule.escaped($0.name))\" is marked as a symbolic link; it is treated as plain data",
                   subject: $0.name)
        }
    }
}
