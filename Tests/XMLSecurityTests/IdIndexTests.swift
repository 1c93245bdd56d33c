import Foundation
import TestSupport
import Testing
@testable import XMLSecurity

/// The Id index reads attribute values where libxml2 keeps them. It must hold what looking each
/// element's `Id`, `ID` and `id` up by name gives: values with character and entity references,
/// empty values, an element carrying two of the names (indexed under both), `iD` and namespaced
/// `Id` ignored, duplicates kept in document order (the wrapping signal), in our signed documents
/// and the shared corpus's trusted lists.
@Suite("Id index")
struct IdIndexTests {
    static let tricky = """
    <?xml version="1.0" encoding="UTF-8"?>
    <root xmlns:x="urn:x" Id="root">
      <a Id="a&amp;b&#x41;&lt;"/>
      <b ID="upper" id="lower"/>
      <c Id=""/>
      <d iD="not an id" x:Id="namespaced"/>
      <e Id="dup"><f Id="dup"/></e>
      <g id="a&amp;bA&lt;"/>
      <h Id="  spaced\tvalue  "/>
    </root>
    """

    /// The index built by name look-ups on every element, in document order.
    static func reference(_ document: XMLDocument) -> [String: [XMLElement]] {
        var index: [String: [XMLElement]] = [:]
        func walk(_ element: XMLElement) {
            for name in ["Id", "ID", "id"] {
                if let value = element.attribute(name) { index[value, default: []].append(element) }
            }
            element.children.forEach(walk)
        }
        if let root = document.root { walk(root) }
        return index
    }

    static func same(_ a: [String: [XMLElement]], _ b: [String: [XMLElement]]) -> Bool {
        a.count == b.count && a.allSatisfy { key, elements in
            guard let other = b[key], other.count == elements.count else { return false }
            return zip(elements, other).allSatisfy { $0.isSame($1) }
        }
    }

    @Test func theIndexIsWhatLookingUpByNameGives() throws {
        let document = try XMLDocument.parse(Array(Self.tricky.utf8))
        let index = document.idIndex()
        #expect(Self.same(index, Self.reference(document)))
        #expect(index["a&bA<"]?.count == 2)
        #expect(index["upper"]?.count == 1 && index["lower"]?.count == 1)
        #expect(index[""]?.count == 1)
        #expect(index["dup"]?.count == 2)
        #expect(index["not an id"] == nil && index["namespaced"] == nil)
        #expect(index["  spaced value  "]?.count == 1, "attribute values are normalized as XML says")
    }

    /// The attribute list reads values the same way: equal to the look-up by name for every
    /// un-namespaced attribute of the document above.
    @Test func attributeListsReadValuesAsLookUpsDo() throws {
        let document = try XMLDocument.parse(Array(Self.tricky.utf8))
        var compared = 0
        func walk(_ element: XMLElement) {
            for (name, value) in element.attributes where !name.contains(":") {
                #expect(element.attribute(name) == value, "\(name)")
                compared += 1
            }
            element.children.forEach(walk)
        }
        if let root = document.root { walk(root) }
        #expect(compared == 10)
    }

    @Test func realDocumentsIndexAlike() throws {
        var paths = [OwnVectors.root + "/pki/tsl/lotl.xml", OwnVectors.root + "/pki/tsl/ZZ_T.xml"]
        if let root = SharedTrust.root { paths += [root + "/test-tl/tl-mp-test-EE.xml", root + "/test-tl/EE_T.xml"] }
        var compared = 0
        for path in paths where FileManager.default.fileExists(atPath: path) {
            let document = try XMLDocument.parse(try readBytes(path))
            let index = document.idIndex()
            #expect(!index.isEmpty, "\(path)")
            #expect(Self.same(index, Self.reference(document)), "\(path)")
            compared += 1
        }
        #expect(compared >= 2)
    }
}
