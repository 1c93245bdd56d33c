import TestSupport
import Foundation
import Testing
import XMLSecurity

/// Our C14N (libxml2 in document context) against xmllint's whole-document output, and the
/// in-context subtree rules the standards digest §3.3 calls the classic bug.
@Suite("Canonicalization")
struct CanonicalizationTests {
    static let sample = """
    <?xml version="1.0" encoding="UTF-8"?>
    <!-- leading comment -->
    <r:root xmlns:r="urn:r" xmlns:unused="urn:unused" xml:lang="et" b="2" a="1">\r
      <r:child z="&quot;q&quot;" xmlns="urn:default" r:attr="x">text &amp; more<![CDATA[ <cdata> ]]></r:child>
      <empty/>
      <!-- inner comment -->
      <ex:used xmlns:ex="urn:ex" xmlns:other="urn:other">value&#13;</ex:used>
    </r:root>
    """

    @Test(arguments: [
        ("--c14n", C14NMethod.c14n10(comments: true)),
        ("--c14n11", C14NMethod.c14n11(comments: true)),
        ("--exc-c14n", C14NMethod.exclusive(comments: true, inclusivePrefixes: [])),
    ])
    func wholeDocumentMatchesXmllint(flag: String, method: C14NMethod) throws {
        let dir = try scratchFolder()
        try write(Self.sample, to: dir + "/doc.xml")
        let expected = try tool(["xmllint", flag, dir + "/doc.xml"])
        let document = try XMLDocument.parse(Array(Self.sample.utf8))
        #expect(try document.canonicalized(method) == expected)
    }

    @Test func withoutCommentsDropsComments() throws {
        let document = try XMLDocument.parse(Array(Self.sample.utf8))
        let text = String(decoding: try document.canonicalized(.c14n10(comments: false)), as: UTF8.self)
        #expect(!text.contains("comment"))
        #expect(text.contains("&#xD;"))
    }

    static let signatures = """
    <asic:XAdESSignatures xmlns:asic="http://uri.etsi.org/02918/v1.2.1#" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" \
    xmlns:xades="http://uri.etsi.org/01903/v1.3.2#"><ds:Signature Id="S0"><ds:SignedInfo><ds:Reference URI="a.txt">\
    <ds:DigestValue>AA==</ds:DigestValue></ds:Reference></ds:SignedInfo></ds:Signature></asic:XAdESSignatures>
    """

    @Test func inclusiveSubtreeCarriesTheRootNamespaces() throws {
        let document = try XMLDocument.parse(Array(Self.signatures.utf8))
        let signedInfo = try #require(document.root?.child(XMLNamespace.dsig, "Signature")?.child(XMLNamespace.dsig, "SignedInfo"))
        let inclusive = String(decoding: try signedInfo.canonicalized(.c14n11(comments: false)), as: UTF8.self)
        #expect(inclusive.hasPrefix(
            "<ds:SignedInfo xmlns:asic=\"http://uri.etsi.org/02918/v1.2.1#\" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" xmlns:xades=\"http://uri.etsi.org/01903/v1.3.2#\">"))
        #expect(inclusive.hasSuffix("</ds:SignedInfo>"))
        let exclusive = String(decoding: try signedInfo.canonicalized(.exclusive(comments: false, inclusivePrefixes: [])), as: UTF8.self)
        #expect(exclusive.hasPrefix("<ds:SignedInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">"))
        let prefixList = String(decoding: try signedInfo.canonicalized(.exclusive(comments: false, inclusivePrefixes: ["xades"])), as: UTF8.self)
        #expect(prefixList.hasPrefix("<ds:SignedInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" xmlns:xades=\"http://uri.etsi.org/01903/v1.3.2#\">"))
    }

    @Test func excludingASubtreeIsTheEnvelopedTransform() throws {
        let xml = "<doc xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><data>1</data><ds:Signature><x/></ds:Signature></doc>"
        let document = try XMLDocument.parse(Array(xml.utf8))
        let signature = try #require(document.root?.child(XMLNamespace.dsig, "Signature"))
        let octets = String(decoding: try document.canonicalized(.inclusive10, excluding: signature), as: UTF8.self)
        #expect(octets == "<doc xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><data>1</data></doc>")
    }
}
