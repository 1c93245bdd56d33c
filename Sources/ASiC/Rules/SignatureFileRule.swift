import Findings

/// Signature files: each parsed file's own structural findings, and a container without any
/// signature said plainly.
public struct SignatureFileRule: ContainerRule {
    public init() {}

    public func check(_ container: ContainerContext) -> [Finding] {
        var findings = container.signatureFiles.flatMap(\.findings)
        let signatures = container.signatureFiles.reduce(0) { $0 + $1.signatures.count }
        if container.type == .asicE && signatures == 0 {
            findings.append(.warning("asic.no-signatures", "the container holds no signature"))
        }
        return findings
    }
}
