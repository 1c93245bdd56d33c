import PKI
import XMLSecurity

/// A `ds:Reference` of SignedInfo.
public struct Reference: Sendable, DigestedReference {
    public struct Transform: Sendable, Hashable {
        public let algorithm: String
        /// `InclusiveNamespaces/@PrefixList` of an exclusive C14N transform.
        public let inclusivePrefixes: [String]
    }

    public let element: XMLElement
    public let id: String?
    /// The URI attribute; nil when absent (which XAdES never allows).
    public let uri: String?
    public let type: String?
    public let transforms: [Transform]
    public let digestMethod: String?
    public let digestValue: [UInt8]?

    public var isSignedPropertiesReference: Bool {
        guard let type else { return false }
        return type == XAdESURI.signedPropertiesType || XAdESURI.legacySignedPropertiesTypes.contains(type)
    }

    /// True for a same-document reference (`#id`) or the whole document (`""`).
    public var isSameDocument: Bool { uri.map { $0.isEmpty || $0.hasPrefix("#") } ?? false }

    init(_ element: XMLElement) {
        self.element = element
        id = element.attribute("Id")
        uri = element.attribute("URI")
        type = element.attribute("Type")
        transforms = element.ds("Transforms")?.children(XMLNamespace.dsig, "Transform").map { transform in
            let prefixes = transform.children.first { $0.localName == "InclusiveNamespaces" }?
                .attribute("PrefixList")?.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init) ?? []
            return Transform(algorithm: transform.attribute("Algorithm") ?? "", inclusivePrefixes: prefixes)
        } ?? []
        (digestMethod, digestValue) = digestMethodAndValue(in: element)
    }
}
