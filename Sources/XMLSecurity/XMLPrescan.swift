#if canImport(Glibc)
import Glibc
#endif

/// One linear pass over the bytes of an untrusted XML document, before libxml2 sees it: counts
/// attributes and namespace declarations per element and per document, nesting depth and name
/// lengths against ``XMLLimits``. It understands just enough XML (tags, quoted attribute values,
/// comments, CDATA, processing instructions, declarations) to count; anything it cannot follow is
/// left to the parser, which refuses malformed documents anyway.
enum XMLPrescan {
    private static let commentEnd = Array("-->".utf8), cdataStart = Array("[CDATA[".utf8), cdataEnd = Array("]]>".utf8)
    private static let piEnd = Array("?>".utf8), tagEnd = Array(">".utf8), xmlns = Array("xmlns".utf8)

    static func check(_ bytes: [UInt8], _ limits: XMLLimits) throws(XMLParseError) {
        let n = bytes.count
        var i = 0
        var depth = 0
        var documentNamespaces = 0

        // The next `byte` at or after `start` (n when there is none): most of a signature file is
        // base64 text and quoted values, which `memchr` crosses many bytes at a time.
        func find(_ byte: UInt8, from start: Int) -> Int {
            guard start < n else { return n }
            return bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress, let found = memchr(base + start, Int32(byte), n - start) else { return n }
                return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
        }
        func skip(past terminator: [UInt8], from start: Int) -> Int? {
            guard let first = terminator.first else { return start }
            var j = find(first, from: start)
            while j + terminator.count <= n {
                if bytes[j..<(j + terminator.count)].elementsEqual(terminator) { return j + terminator.count }
                j = find(first, from: j + 1)
            }
            return nil
        }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

        while i < n {
            guard bytes[i] == UInt8(ascii: "<") else { i = find(UInt8(ascii: "<"), from: i); continue }
            let next = i + 1 < n ? bytes[i + 1] : 0
            if next == UInt8(ascii: "!") {
                if i + 4 <= n && bytes[i + 2] == UInt8(ascii: "-") && bytes[i + 3] == UInt8(ascii: "-") {
                    guard let end = skip(past: Self.commentEnd, from: i + 4) else { return }
                    i = end
                } else if i + 9 <= n && bytes[(i + 2)..<(i + 9)].elementsEqual(Self.cdataStart) {
                    guard let end = skip(past: Self.cdataEnd, from: i + 9) else { return }
                    i = end
                } else {
                    // A DOCTYPE or other declaration: the parser refuses DOCTYPEs itself.
                    guard let end = skip(past: Self.tagEnd, from: i + 2) else { return }
                    i = end
                }
                continue
            }
            if next == UInt8(ascii: "?") {
                guard let end = skip(past: Self.piEnd, from: i + 2) else { return }
                i = end
                continue
            }
            if next == UInt8(ascii: "/") {
                depth -= 1
                guard let end = skip(past: Self.tagEnd, from: i + 2) else { return }
                i = end
                continue
            }
            // A start tag: its name, then attributes until `>` or `/>`.
            var j = i + 1
            let nameStart = j
            while j < n && !isSpace(bytes[j]) && bytes[j] != UInt8(ascii: ">") && bytes[j] != UInt8(ascii: "/") { j += 1 }
            if j - nameStart > limits.maxNameLength { throw .limit(what: "an element name", count: j - nameStart, limit: limits.maxNameLength) }
            var attributes = 0
            var namespaces = 0
            var selfClosing = false
            while j < n {
                while j < n && isSpace(bytes[j]) { j += 1 }
                guard j < n else { return }
                if bytes[j] == UInt8(ascii: ">") { break }
                if bytes[j] == UInt8(ascii: "/") { selfClosing = true; j += 1; continue }
                let attributeStart = j
                while j < n && bytes[j] != UInt8(ascii: "=") && !isSpace(bytes[j]) && bytes[j] != UInt8(ascii: ">") { j += 1 }
                let nameLength = j - attributeStart
                guard nameLength > 0 else { return }
                if nameLength > limits.maxNameLength { throw .limit(what: "an attribute name", count: nameLength, limit: limits.maxNameLength) }
                attributes += 1
                if attributes > limits.maxAttributesPerElement {
                    throw .limit(what: "attributes on one element", count: attributes, limit: limits.maxAttributesPerElement)
                }
                let isNamespace = nameLength >= 5 && bytes[attributeStart..<(attributeStart + 5)].elementsEqual(Self.xmlns)
                    && (nameLength == 5 || bytes[attributeStart + 5] == UInt8(ascii: ":"))
                if isNamespace {
                    namespaces += 1
                    documentNamespaces += 1
                    if namespaces > limits.maxNamespacesPerElement {
                        throw .limit(what: "namespace declarations on one element", count: namespaces, limit: limits.maxNamespacesPerElement)
                    }
                    if documentNamespaces > limits.maxNamespacesPerDocument {
                        throw .limit(what: "namespace declarations in the document", count: documentNamespaces, limit: limits.maxNamespacesPerDocument)
                    }
                }
                while j < n && isSpace(bytes[j]) { j += 1 }
                guard j < n, bytes[j] == UInt8(ascii: "=") else { return }
                j += 1
                while j < n && isSpace(bytes[j]) { j += 1 }
                guard j < n, bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'") else { return }
                let quote = bytes[j]
                j += 1
                j = find(quote, from: j) + 1
            }
            if !selfClosing {
                depth += 1
                if depth > limits.maxDepth { throw .tooDeep(limit: limits.maxDepth) }
            }
            i = j + 1
        }
    }
}
