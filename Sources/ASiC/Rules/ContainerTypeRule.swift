import Findings

/// The container's own type must be told consistently: a valid mimetype and the manifest's
/// `/` entry may not name different ASiC types (libdigidocpp: "Manifest has incorrect container
/// media type"), and the file extension should match.
public struct ContainerTypeRule: ContainerRule {
    public init() {}

    public func check(_ container: ContainerContext) -> [Finding] {
        var findings: [Finding] = []
        if container.type == .asicE, let declared = ASiCMediaType.containerType(container.mimetype?.value),
           let root = container.manifest?.rootMediaType, root != container.mimetype?.value {
            if let other = ASiCMediaType.containerType(root), other != declared {
                findings.append(.fatal("asic.manifest.root-mismatch",
                                       "manifest says the container is \(other.rawValue) (\(root)) but the mimetype says \(declared.rawValue)"))
            } else {
                findings.append(.error("asic.manifest.root-media-type",
                                       "manifest gives the container media type \"\(EntryNameRule.escaped(root))\", not \"\(ASiCMediaType.asicE)\""))
            }
        }
        let ext = container.fileExtension
        let expectedType: ContainerType? = switch ext {
        case "asice", "sce", "bdoc", "edoc": .asicE
        case "asics", "scs": .asicS
        default: nil
        }
        if let expectedType, expectedType != container.type {
            findings.append(.warning("asic.extension-mismatch",
                                     "the file extension .\(ext) suggests \(expectedType.rawValue) but the content is \(container.type.rawValue)"))
        }
        return findings
    }
}
