/// Caps applied before and while parsing untrusted XML.
public struct XMLLimits: Sendable, Hashable {
    /// Largest document accepted, in bytes (libdigidocpp caps non-data entries at 10 MiB).
    public var maxBytes: Int
    /// Deepest element nesting accepted (libxml2's own default without XML_PARSE_HUGE is 256).
    public var maxDepth: Int

    public init(maxBytes: Int = 10 << 20, maxDepth: Int = 256) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }

    public static let `default` = XMLLimits()
}
