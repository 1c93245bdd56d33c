import Findings

/// One container constraint: a small value with stable finding keys that judges a
/// ``ContainerContext`` and explains itself through findings. A fatal finding refuses the input.
public protocol ContainerRule: Sendable {
    func check(_ container: ContainerContext) -> [Finding]
}

/// Composes rules in the order they are written.
@resultBuilder
public enum ContainerRulesBuilder {
    public static func buildExpression(_ rule: any ContainerRule) -> [any ContainerRule] { [rule] }
    public static func buildBlock(_ parts: [any ContainerRule]...) -> [any ContainerRule] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [any ContainerRule]?) -> [any ContainerRule] { part ?? [] }
    public static func buildEither(first: [any ContainerRule]) -> [any ContainerRule] { first }
    public static func buildEither(second: [any ContainerRule]) -> [any ContainerRule] { second }
    public static func buildArray(_ parts: [[any ContainerRule]]) -> [any ContainerRule] { parts.flatMap { $0 } }
}

/// The set of container rules applied when opening.
public struct ContainerRules: Sendable {
    public let rules: [any ContainerRule]

    public init(@ContainerRulesBuilder _ build: () -> [any ContainerRule]) {
        rules = build()
    }

    public func check(_ container: ContainerContext) -> [Finding] {
        rules.flatMap { $0.check(container) }
    }

    /// What peers agree on: refuse what libdigidocpp, digidoc4j and DSS all refuse; report the
    /// rest with the level the stricter of SiVa/DSS gives it.
    public static let standard = ContainerRules {
        EntryNameRule()
        DuplicateNameRule()
        PathConflictRule()
        DirectoryContentRule()
        SymlinkRule()
        MimetypeRule()
        ContainerTypeRule()
        ManifestRule()
        ManifestCoverageRule()
        ASiCSStructureRule()
        DataFileRule()
        SignatureFileRule()
        MetaInfRule()
        CommentRule()
    }
}
