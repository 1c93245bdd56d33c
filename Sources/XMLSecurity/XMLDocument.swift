internal import CLibXML2

/// A parsed, untrusted XML document, hardened as EN 319 132 validators must be:
/// no network, no DTD (a DOCTYPE is refused before its internal subset is read, so no entity
/// is ever declared or expanded), no XInclude, size and depth caps, and no tree-altering options
/// (no NOBLANKS/NSCLEAN) so that canonicalization sees the bytes that were signed.
///
/// Immutable after parsing; libxml2 allows concurrent read-only use of a tree.
public final class XMLDocument: @unchecked Sendable {
    let doc: xmlDocPtr

    private init(doc: xmlDocPtr) {
        self.doc = doc
    }

    deinit {
        xmlFreeDoc(doc)
    }

    /// Parses `bytes` with the hardened settings. Throws ``XMLParseError``.
    public static func parse(_ bytes: some Collection<UInt8>, limits: XMLLimits = .default) throws -> XMLDocument {
        guard !bytes.isEmpty else { throw XMLParseError.empty }
        guard bytes.count <= limits.maxBytes else {
            throw XMLParseError.tooLarge(size: bytes.count, limit: limits.maxBytes)
        }
        let buffer = Array(bytes)
        try XMLPrescan.check(buffer, limits)
        initializeLibXML
        guard let ctxt = xmlNewParserCtxt() else {
            throw XMLParseError.malformed(line: 0, reason: "out of memory")
        }
        defer { xmlFreeParserCtxt(ctxt) }
        // Stop at the DOCTYPE itself: the internal subset (where entity bombs live) is never parsed.
        ctxt.pointee.sax.pointee.internalSubset = refuseDoctype
        // COMPACT keeps short text (the indentation between elements) inside its node instead of a
        // string of its own. libxml2 then forbids changing that text; nothing here does: the only
        // tree edit is C14N's pruning, which relinks elements and restores them.
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_COMPACT.rawValue)
        let parsed: xmlDocPtr? = buffer.withUnsafeBufferPointer { raw in
            raw.withMemoryRebound(to: CChar.self) { chars in
                xmlCtxtReadMemory(ctxt, chars.baseAddress, Int32(chars.count), "untrusted.xml", nil, options)
            }
        }
        if ctxt.pointee._private == doctypeSentinel {
            if let parsed { xmlFreeDoc(parsed) }
            throw XMLParseError.doctypeForbidden
        }
        guard let parsed, ctxt.pointee.wellFormed != 0 else {
            if let parsed { xmlFreeDoc(parsed) }
            throw lastError(ctxt)
        }
        if parsed.pointee.intSubset != nil || parsed.pointee.extSubset != nil {
            xmlFreeDoc(parsed)
            throw XMLParseError.doctypeForbidden
        }
        let document = XMLDocument(doc: parsed)
        if let root = document.root, root.depth(limit: limits.maxDepth) > limits.maxDepth {
            throw XMLParseError.tooDeep(limit: limits.maxDepth)
        }
        return document
    }

    /// The document element.
    public var root: XMLElement? {
        guard let node = xmlDocGetRootElement(doc) else { return nil }
        return XMLElement(document: self, node: node)
    }

    private static func lastError(_ ctxt: xmlParserCtxtPtr) -> XMLParseError {
        guard let error = xmlCtxtGetLastError(ctxt) else {
            return .malformed(line: 0, reason: "unknown parser error")
        }
        let line = Int(error.pointee.line)
        var reason = error.pointee.message.map { String(cString: $0) } ?? "error \(error.pointee.code)"
        while reason.last == "\n" || reason.last == " " { reason.removeLast() }
        // libxml2 reports its own depth cap as a plain error message.
        if reason.contains("Excessive depth") { return .tooDeep(limit: 256) }
        return .malformed(line: line, reason: reason)
    }
}

/// Marker stored in the parser context when a DOCTYPE was met.
private var doctypeSentinel: UnsafeMutableRawPointer? { UnsafeMutableRawPointer(bitPattern: 0xD0C7_D0C7) }

private let refuseDoctype: internalSubsetSAXFunc = { context, _, _, _ in
    guard let context else { return }
    let ctxt = context.assumingMemoryBound(to: xmlParserCtxt.self)
    ctxt.pointee._private = doctypeSentinel
    xmlStopParser(ctxt)
}

/// libxml2's global state is initialised once per process.
let initializeLibXML: Void = {
    xmlInitParser()
}()
