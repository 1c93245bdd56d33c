import Findings

/// What became of one `ds:Reference`: was its target found, and does its digest match?
public struct ReferenceOutcome: Sendable {
    public enum Kind: String, Sendable {
        case dataObject = "data"
        case signedProperties
        case other
    }

    public let uri: String
    public let id: String?
    public let kind: Kind
    public let digestAlgorithm: String?
    /// The data file or element the URI resolved to (its name), when found.
    public let target: String?
    public let found: Bool
    public let intact: Bool
    public let findings: [Finding]
}
