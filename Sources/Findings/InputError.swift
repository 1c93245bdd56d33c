/// Thrown when an input cannot be processed at all (exit code 3 in the contract):
/// not a zip, a broken zip, not an ASiC container, an unreadable file, a hostile XML document.
public struct InputError: Error, Sendable, CustomStringConvertible {
    /// Stable key, the same vocabulary as ``Finding/key``.
    public let key: String
    /// One line, without the file name (the caller prefixes it).
    public let message: String
    /// Findings gathered before the input was refused, for reports that want to show them.
    public let findings: [Finding]

    public init(key: String, message: String, findings: [Finding] = []) {
        self.key = key
        self.message = message
        self.findings = findings.aggregated()
    }

    public init(_ finding: Finding, findings: [Finding] = []) {
        self.init(key: finding.key, message: finding.message, findings: findings)
    }

    public var description: String { message }
}
