internal import CLibXML2

/// Namespace URIs used across the signature formats; match by URI and local name, never by prefix.
public enum XMLNamespace {
    public static let dsig = "http://www.w3.org/2000/09/xmldsig#"
    public static let dsig11 = "http://www.w3.org/2009/xmldsig11#"
    public static let xades132 = "http://uri.etsi.org/01903/v1.3.2#"
    public static let xades141 = "http://uri.etsi.org/01903/v1.4.1#"
    public static let asic = "http://uri.etsi.org/02918/v1.2.1#"
    public static let odfManifest = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
    public static let ddoc = "http://www.sk.ee/DigiDoc/v1.3.0#"
}

/// An element of an ``XMLDocument``. Keeps its document alive.
public struct XMLElement: @unchecked Sendable {
    public let document: XMLDocument
    let node: xmlNodePtr

    init(document: XMLDocument, node: xmlNodePtr) {
        self.document = document
        self.node = node
    }

    /// The element's local name.
    public var localName: String { String(cString: node.pointee.name) }

    /// The namespace URI, or nil for an element in no namespace.
    public var namespaceURI: String? {
        guard let ns = node.pointee.ns, let href = ns.pointee.href else { return nil }
        return String(cString: href)
    }

    /// The prefix as written in the document (for display only).
    public var prefix: String? {
        guard let ns = node.pointee.ns, let prefix = ns.pointee.prefix else { return nil }
        return String(cString: prefix)
    }

    /// True when this element is `{namespace}localName`.
    public func `is`(_ namespace: String, _ localName: String) -> Bool {
        Self.withNames(namespace, localName) { Self.node(node, is: $0, $1) }
    }

    /// `{namespace}localName` as C strings for the walks below: a native string lends its bytes
    /// (`withCString`), where passing a `String` to a C function copies it into a new array on
    /// every call, and the parser asks for a child by name thousands of times per batch.
    private static func withNames<Result>(_ namespace: String, _ localName: String,
                                          _ body: (UnsafePointer<xmlChar>, UnsafePointer<xmlChar>) -> Result) -> Result {
        namespace.withCString { ns in
            localName.withCString { name in
                ns.withMemoryRebound(to: xmlChar.self, capacity: 1) { ns in
                    name.withMemoryRebound(to: xmlChar.self, capacity: 1) { body(ns, $0) }
                }
            }
        }
    }

    private static func node(_ node: xmlNodePtr, is namespace: UnsafePointer<xmlChar>, _ localName: UnsafePointer<xmlChar>) -> Bool {
        guard let ns = node.pointee.ns, let href = ns.pointee.href else { return false }
        return xmlStrEqual(node.pointee.name, localName) != 0 && xmlStrEqual(href, namespace) != 0
    }

    /// Line in the source document (for messages).
    public var line: Int { Int(xmlGetLineNo(node)) }

    /// Child elements in document order.
    public var children: [XMLElement] {
        var result: [XMLElement] = []
        eachChildElement { result.append(XMLElement(document: document, node: $0)); return true }
        return result
    }

    /// Child elements named `{namespace}localName`.
    public func children(_ namespace: String, _ localName: String) -> [XMLElement] {
        Self.withNames(namespace, localName) { ns, name in
            var result: [XMLElement] = []
            eachChildElement { current in
                if Self.node(current, is: ns, name) { result.append(XMLElement(document: document, node: current)) }
                return true
            }
            return result
        }
    }

    /// The first child element named `{namespace}localName`.
    public func child(_ namespace: String, _ localName: String) -> XMLElement? {
        Self.withNames(namespace, localName) { ns, name in
            var found: XMLElement?
            eachChildElement { current in
                guard Self.node(current, is: ns, name) else { return true }
                found = XMLElement(document: document, node: current)
                return false
            }
            return found
        }
    }

    /// Visits the child elements in document order until `visit` returns false.
    private func eachChildElement(_ visit: (xmlNodePtr) -> Bool) {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, !visit(current) { return }
            child = current.pointee.next
        }
    }

    /// Descendant elements (not self) named `{namespace}localName`, in document order.
    public func descendants(_ namespace: String, _ localName: String) -> [XMLElement] {
        Self.withNames(namespace, localName) { ns, name in
            var result: [XMLElement] = []
            func walk(_ parent: xmlNodePtr) {
                var child = parent.pointee.children
                while let current = child {
                    if current.pointee.type == XML_ELEMENT_NODE {
                        if Self.node(current, is: ns, name) { result.append(XMLElement(document: document, node: current)) }
                        walk(current)
                    }
                    child = current.pointee.next
                }
            }
            walk(node)
            return result
        }
    }

    /// An attribute in no namespace (`Id`, `URI`, `Algorithm`…).
    public func attribute(_ name: String) -> String? {
        guard let value = xmlGetNoNsProp(node, name) else { return nil }
        defer { cxml_free(value) }
        return String(cString: value)
    }

    /// A namespace-qualified attribute (`manifest:full-path`).
    public func attribute(_ name: String, namespace: String) -> String? {
        guard let value = xmlGetNsProp(node, name, namespace) else { return nil }
        defer { cxml_free(value) }
        return String(cString: value)
    }

    /// The concatenation of all text and CDATA content below this element. Comments are
    /// skipped, so `2020<!---->-01-01` reads as `2020-01-01`, the value that was signed.
    public var text: String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { cxml_free(content) }
        return String(cString: content)
    }

    /// Nesting depth of the subtree rooted here (1 for a leaf); stops counting past `limit`.
    func depth(limit: Int) -> Int {
        var deepest = 0
        func walk(_ parent: xmlNodePtr, _ level: Int) {
            if level > deepest { deepest = level }
            guard deepest <= limit else { return }
            var child = parent.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE { walk(current, level + 1) }
                child = current.pointee.next
            }
        }
        walk(node, 1)
        return deepest
    }
}

extension XMLElement {
    /// The parent element, nil at the root.
    public var parent: XMLElement? {
        guard let parent = node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return XMLElement(document: document, node: parent)
    }

    /// True when both values denote the same node.
    public func isSame(_ other: XMLElement) -> Bool { node == other.node }

    /// True when `self` is `other` or lies inside it.
    public func isInside(_ other: XMLElement) -> Bool {
        var current: xmlNodePtr? = node
        while let here = current {
            if here == other.node { return true }
            current = here.pointee.parent
        }
        return false
    }
}

extension XMLDocument {
    /// Every element carrying an `Id`, `ID` or `id` attribute, by value. XAdES Ids are not DTD
    /// IDs, so libxml2's own ID table does not know them. More than one element per value is
    /// the signature-wrapping signal callers must refuse.
    public func idIndex() -> [String: [XMLElement]] {
        var index: [String: [XMLElement]] = [:]
        guard let root else { return index }
        // Raw libxml2 walk: each un-namespaced attribute named Id, ID or id is read where libxml2
        // keeps it. Every signature file's every element passes here; an element wrapper and three
        // copying look-ups per element carrying an Id made the walk twice as costly.
        func walk(_ node: xmlNodePtr) {
            var element: XMLElement?
            var property = node.pointee.properties
            while let here = property {
                if here.pointee.ns == nil, Self.isIdName(here.pointee.name) {
                    let holder = element ?? XMLElement(document: self, node: node)
                    element = holder
                    index[XMLElement.value(of: here), default: []].append(holder)
                }
                property = here.pointee.next
            }
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE { walk(current) }
                child = current.pointee.next
            }
        }
        walk(root.node)
        return index
    }

    /// `Id`, `ID` or `id`.
    private static func isIdName(_ name: UnsafePointer<xmlChar>?) -> Bool {
        guard let name, name[0] == UInt8(ascii: "I") || name[0] == UInt8(ascii: "i") else { return false }
        return (name[1] == UInt8(ascii: "d") || name[1] == UInt8(ascii: "D")) && name[2] == 0
            && !(name[0] == UInt8(ascii: "i") && name[1] == UInt8(ascii: "D"))
    }
}
