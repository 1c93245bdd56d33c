/// Caps applied to untrusted XML: before parsing, one linear scan of the bytes enforces the shape
/// limits (libxml2 checks attribute uniqueness in quadratic time, so a single element with 50 000
/// attributes or a flood of namespace declarations would otherwise hang the parser); then the
/// parser enforces size and depth.
public struct XMLLimits: Sendable, Hashable {
    /// Largest document accepted, in bytes (libdigidocpp caps non-data entries at 10 MiB).
    public var maxBytes: Int
    /// Deepest element nesting accepted (libxml2's own default without XML_PARSE_HUGE is 256).
    public var maxDepth: Int
    /// Most attributes (namespace declarations included) on one element.
    public var maxAttributesPerElement: Int
    /// Most namespace declarations on one element, and in the whole document.
    public var maxNamespacesPerElement: Int
    public var maxNamespacesPerDocument: Int
    /// Longest element or attribute name, in bytes.
    public var maxNameLength: Int

    public init(maxBytes: Int = 10 << 20, maxDepth: Int = 256, maxAttributesPerElement: Int = 256, maxNamespacesPerElement: Int = 64,
                maxNamespacesPerDocument: Int = 4096, maxNameLength: Int = 1024) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxAttributesPerElement = maxAttributesPerElement
        self.maxNamespacesPerElement = maxNamespacesPerElement
        self.maxNamespacesPerDocument = maxNamespacesPerDocument
        self.maxNameLength = maxNameLength
    }

    public static let `default` = XMLLimits()

    /// The same shape limits with another size cap.
    public func with(maxBytes: Int) -> XMLLimits {
        var copy = self
        copy.maxBytes = maxBytes
        return copy
    }
}
