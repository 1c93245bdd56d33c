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
            let value: String
            if let raw = xmlNodeListGetString(node.pointee.doc, current.pointee.children, 1) {
                value = String(cString: raw)
                cxml_free(raw)
            } else {
                value = ""
            }
            result.append((prefix.map { $0 + ":" + local } ?? local, value))
            property = current.pointee.next
        }
        return result
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
