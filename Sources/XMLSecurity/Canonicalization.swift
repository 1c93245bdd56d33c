internal import CLibXML2

/// The six canonicalization algorithms XML signatures use here (the allowlist of libdigidocpp and
/// the DSS baseline checker).
public enum C14NMethod: Sendable, Hashable {
    case c14n10(comments: Bool)
    case c14n11(comments: Bool)
    case exclusive(comments: Bool, inclusivePrefixes: [String])

    public static let inclusive10 = C14NMethod.c14n10(comments: false)

    /// The method a `CanonicalizationMethod` or `Transform` URI names.
    public init?(uri: String, inclusivePrefixes: [String] = []) {
        switch uri {
        case "http://www.w3.org/TR/2001/REC-xml-c14n-20010315": self = .c14n10(comments: false)
        case "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments": self = .c14n10(comments: true)
        case "http://www.w3.org/2006/12/xml-c14n11": self = .c14n11(comments: false)
        case "http://www.w3.org/2006/12/xml-c14n11#WithComments": self = .c14n11(comments: true)
        case "http://www.w3.org/2001/10/xml-exc-c14n#": self = .exclusive(comments: false, inclusivePrefixes: inclusivePrefixes)
        case "http://www.w3.org/2001/10/xml-exc-c14n#WithComments":
            self = .exclusive(comments: true, inclusivePrefixes: inclusivePrefixes)
        default: return nil
        }
    }

    /// The same method without comments: a same-document `#id` reference selects a node set
    /// without comment nodes (XML-DSig 4.4.3.3), whatever transform follows.
    public var withoutComments: C14NMethod {
        switch self {
        case .c14n10: .c14n10(comments: false)
        case .c14n11: .c14n11(comments: false)
        case let .exclusive(_, prefixes): .exclusive(comments: false, inclusivePrefixes: prefixes)
        }
    }

    var mode: Int32 {
        switch self {
        case .c14n10: Int32(XML_C14N_1_0.rawValue)
        case .c14n11: Int32(XML_C14N_1_1.rawValue)
        case .exclusive: Int32(XML_C14N_EXCLUSIVE_1_0.rawValue)
        }
    }

    var comments: Bool {
        switch self {
        case let .c14n10(comments), let .c14n11(comments), let .exclusive(comments, _): comments
        }
    }

    var prefixes: [String] {
        if case let .exclusive(_, prefixes) = self { return prefixes }
        return []
    }
}

/// Why canonicalization failed (libxml2 refused the node set).
public struct C14NError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// What the visibility callback needs: the subtree to render and a subtree to leave out
/// (the enveloped signature).
private struct Visibility {
    var apex: xmlNodePtr?
    var excluded: xmlNodePtr?
}

/// libxml2 calls this for every node, attribute and namespace node. Namespace nodes arrive as
/// `xmlNs*` with their element in `parent`; `type` sits at the same offset in both structs.
private let isVisible: xmlC14NIsVisibleCallback = { userData, node, parent in
    guard let userData, let node else { return 0 }
    let visibility = userData.assumingMemoryBound(to: Visibility.self).pointee
    var current: xmlNodePtr? = node.pointee.type == XML_NAMESPACE_DECL ? parent : node
    while let here = current {
        if here == visibility.excluded { return 0 }
        if here == visibility.apex { return 1 }
        current = here.pointee.parent
    }
    return visibility.apex == nil ? 1 : 0
}

/// The nodes off the path from the document to an apex, hidden for the time of one
/// canonicalization. libxml2 renders a subtree's node set by walking the whole document: for
/// every element, visible or not, it asks the visibility callback about each node, attribute and
/// namespace and builds two sorted lists (in a signature: the certificates, OCSP responses and
/// time-stamps around the signed part, for each of the three or four canonicalizations). Nothing
/// off the path can be in the node set or change how it renders: inherited namespaces and
/// `xml:*` attributes are read through the parent chain, which stays, and the namespace stack
/// libxml2 keeps is restored after each element it leaves. `restore()` puts every pointer back.
private struct OffPathHidden {
    private struct Link {
        let parent: xmlNodePtr, children: xmlNodePtr?, last: xmlNodePtr?
        let node: xmlNodePtr, previous: xmlNodePtr?, next: xmlNodePtr?
    }
    private var links: [Link] = []

    /// The document node (`xmlDoc`) is the root element's parent; its `children` and `last` sit
    /// where an `xmlNode`'s do.
    init(around apex: xmlNodePtr) {
        var node = apex
        while let parent = node.pointee.parent {
            links.append(Link(parent: parent, children: parent.pointee.children, last: parent.pointee.last,
                              node: node, previous: node.pointee.prev, next: node.pointee.next))
            parent.pointee.children = node
            parent.pointee.last = node
            node.pointee.prev = nil
            node.pointee.next = nil
            node = parent
        }
    }

    func restore() {
        for link in links.reversed() {
            link.parent.pointee.children = link.children
            link.parent.pointee.last = link.last
            link.node.pointee.prev = link.previous
            link.node.pointee.next = link.next
        }
    }
}

enum Canonicalizer {
    /// Renders the node set "subtree at `apex` (whole document when nil) minus `excluded`" in
    /// its original document, so inherited namespaces and `xml:*` attributes come out as signed.
    /// With `pruning` (always, but in tests that compare) libxml2 walks only the path to `apex`
    /// and the subtree; a document is canonicalized by one thread at a time.
    static func canonicalize(document: xmlDocPtr, apex: xmlNodePtr?, excluded: xmlNodePtr?,
                             method: C14NMethod, pruning: Bool = true) throws(C14NError) -> [UInt8] {
        initializeLibXML
        guard let buffer = xmlAllocOutputBuffer(nil) else { throw C14NError(description: "out of memory") }
        let hidden = pruning ? apex.map(OffPathHidden.init(around:)) : nil
        defer { hidden?.restore() }
        var visibility = Visibility(apex: apex, excluded: excluded)
        var prefixStrings = method.prefixes.map { strdup($0) }
        prefixStrings.append(nil)
        defer { for pointer in prefixStrings { free(pointer) } }
        let written: Int32 = withUnsafeMutablePointer(to: &visibility) { context in
            prefixStrings.withUnsafeMutableBufferPointer { prefixes in
                prefixes.baseAddress!.withMemoryRebound(to: UnsafeMutablePointer<xmlChar>?.self, capacity: prefixes.count) {
                    xmlC14NExecute(document, isVisible, context, method.mode,
                                   method.prefixes.isEmpty ? nil : $0, method.comments ? 1 : 0, buffer)
                }
            }
        }
        defer { xmlOutputBufferClose(buffer) }
        guard written >= 0 else { throw C14NError(description: "libxml2 could not canonicalize the node set") }
        let size = Int(xmlOutputBufferGetSize(buffer))
        guard size > 0, let content = xmlOutputBufferGetContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: size))
    }
}

extension XMLElement {
    /// The canonical form of the subtree rooted here, rendered in its own document.
    /// `excluding` leaves a descendant subtree out (the enveloped-signature transform).
    public func canonicalized(_ method: C14NMethod, excluding: XMLElement? = nil) throws(C14NError) -> [UInt8] {
        try Canonicalizer.canonicalize(document: document.doc, apex: node, excluded: excluding?.node, method: method)
    }
}

extension XMLDocument {
    /// The canonical form of the whole document (a `URI=""` reference), optionally without one subtree.
    public func canonicalized(_ method: C14NMethod, excluding: XMLElement? = nil) throws(C14NError) -> [UInt8] {
        try Canonicalizer.canonicalize(document: doc, apex: nil, excluded: excluding?.node, method: method)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
