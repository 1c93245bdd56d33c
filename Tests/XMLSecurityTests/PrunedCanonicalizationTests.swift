import Foundation
import TestSupport
import Testing
@testable import XMLSecurity

/// A subtree is canonicalized with everything off the path from the document to it hidden from
/// libxml2's walk. The bytes must be those of the whole-document walk for every element of real
/// signed documents (trusted lists with their signatures, XAdES) and of documents built to stress
/// what a subtree inherits (namespaces declared, redeclared and undeclared on ancestors; `xml:*`
/// attributes; comments and processing instructions beside the path), under every method, with
/// and without an excluded subtree; and the document must be whole again afterwards.
@Suite("Pruned canonicalization")
struct PrunedCanonicalizationTests {
    static let stress = """
    <?xml version="1.0" encoding="UTF-8"?>
    <?pi before?>
    <!-- before the root -->
    <a:root xmlns:a="urn:a" xmlns="urn:default" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xml:lang="et" xml:space="preserve" xml:base="http://example.org/base/" z="1">
      <!-- a comment beside the path -->
      <sibling xmlns:a="urn:a-redeclared" a:x="1"><deep xmlns="">text</deep></sibling>
      <a:mid xmlns:b="urn:b" xml:lang="en" xml:base="sub/">
        <?pi inside?>
        <b:leaf b:attr="v" a:attr="w" attr="plain">value &amp; &lt;more&gt;<![CDATA[ <cdata> ]]></b:leaf>
        <undeclared xmlns=""><inner xmlns:c="urn:c" c:q="1"/></undeclared>
        <ds:Signature><ds:SignedInfo Id="si"><ds:Reference URI=""/></ds:SignedInfo><ds:SignatureValue>AAAA</ds:SignatureValue></ds:Signature>
        <a:after/>
      </a:mid>
      <last xmlns:d="urn:d"><d:x/></last>
    </a:root>
    <!-- after the root -->
    """

    static let methods: [C14NMethod] = [
        .c14n10(comments: false), .c14n10(comments: true), .c14n11(comments: false), .c14n11(comments: true),
        .exclusive(comments: false, inclusivePrefixes: []), .exclusive(comments: true, inclusivePrefixes: []),
        .exclusive(comments: false, inclusivePrefixes: ["ds", "a", "#default"]),
    ]

    /// Every element in document order, at most `limit` of them spread over the document.
    static func elements(_ document: XMLDocument, limit: Int) -> [XMLElement] {
        var all: [XMLElement] = []
        func walk(_ element: XMLElement) {
            all.append(element)
            element.children.forEach(walk)
        }
        if let root = document.root { walk(root) }
        guard all.count > limit else { return all }
        return stride(from: 0, to: all.count, by: all.count / limit + 1).map { all[$0] }
    }

    static func documents() throws -> [(String, XMLDocument)] {
        var documents = [("stress", try XMLDocument.parse(Array(stress.utf8)))]
        for path in [OwnVectors.root + "/pki/tsl/lotl.xml", OwnVectors.root + "/pki/tsl/ZZ_T.xml"] + (SharedTrust.root.map {
            [$0 + "/test-tl/tl-mp-test-EE.xml", $0 + "/test-tl/EE_T.xml"]
        } ?? []) where FileManager.default.fileExists(atPath: path) {
            documents.append((path, try XMLDocument.parse(try readBytes(path))))
        }
        return documents
    }

    @Test func prunedBytesAreTheWholeWalksForEveryElementAndMethod() throws {
        var compared = 0
        for (name, document) in try Self.documents() {
            let before = try document.canonicalized(.c14n10(comments: true))
            for element in Self.elements(document, limit: 120) {
                let excluded = element.children.first
                for method in Self.methods {
                    for excluding in [nil, excluded] {
                        let pruned = try Canonicalizer.canonicalize(document: document.doc, apex: element.node, excluded: excluding?.node,
                                                                    method: method, pruning: true)
                        let walked = try Canonicalizer.canonicalize(document: document.doc, apex: element.node, excluded: excluding?.node,
                                                                    method: method, pruning: false)
                        #expect(pruned == walked, "\(name): <\(element.localName)> line \(element.line), \(method), excluding \(excluding != nil)")
                        compared += 1
                    }
                }
            }
            // Every pointer put back: the whole document renders as before, and so does the stress
            // document's subtree beside the path.
            #expect(try document.canonicalized(.c14n10(comments: true)) == before, "\(name) changed")
        }
        #expect(compared > 1_000)
    }

    @Test func theSubtreeBesideThePathStillRenders() throws {
        let document = try XMLDocument.parse(Array(Self.stress.utf8))
        let root = try #require(document.root)
        let sibling = try #require(root.children.first)
        let before = try sibling.canonicalized(.c14n10(comments: true))
        let mid = try #require(root.children.dropFirst().first)
        _ = try mid.canonicalized(.c14n11(comments: true))
        #expect(try sibling.canonicalized(.c14n10(comments: true)) == before)
        #expect(String(decoding: before, as: UTF8.self).contains("urn:a-redeclared"))
        #expect(root.children.map(\.localName) == ["sibling", "mid", "last"])
    }
}
