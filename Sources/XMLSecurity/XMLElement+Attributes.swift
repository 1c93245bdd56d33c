internal import CLibXML2

extension XMLElement {
    /// Every attribute of the element in document order (namespace declarations excluded), with
    /// its qualified name as written (`prefix:name` when it has a prefix).
    public var attributes: [(name: String, value: String)] {
        var result: [(String, String)] = []
        var property = node.pointee.properties
        while let current = property {
            let local = String(cString: current.pointee.name)
            let prefix = current.pointee.ns.flatMap { $0.pointee.prefix }.map { String(cString: $0) }
            result.append((prefix.map { $0 + ":" + local } ?? local, Self.value(of: current)))
            property = current.pointee.next
        }
        return result
    }

    /// An attribute's value as `xmlGetNoNsProp` gives it: one text (or CDATA) child as it is, else
    /// its children's text with entity references replaced; "" without children.
    static func value(of attribute: xmlAttrPtr) -> String {
        if let text = attribute.pointee.children, text.pointee.next == nil,
           text.pointee.type == XML_TEXT_NODE || text.pointee.type == XML_CDATA_SECTION_NODE, let content = text.pointee.content {
            return String(cString: content)
        }
        guard let raw = xmlNodeListGetString(attribute.pointee.doc, attribute.pointee.children, 1) else { return "" }
        defer { cxml_free(raw) }
        return String(cString: raw)
    }

    /// The default namespace this element declares itself (`xmlns="…"` on its own start tag);
    /// nil when it declares none (it may still inherit one).
    public var ownDefaultNamespace: String? {
        var declaration = node.pointee.nsDef
        while let current = declaration {
            if current.pointee.prefix == nil { return current.pointee.href.map { String(cString: $0) } }
            declaration = current.pointee.next
        }
        return nil
    }
}
