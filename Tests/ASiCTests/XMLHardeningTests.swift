@testable import ASiC
import Findings
import TestSupport
import Testing
import XMLSecurity

@Suite("Hardened XML")
struct XMLHardeningTests {
    private func refusal(_ xml: String, limits: XMLLimits = .default) -> XMLParseError? {
        do { _ = try XMLDocument.parse(Array(xml.utf8), limits: limits) } catch let error as XMLParseError { return error } catch {}
        return nil
    }

    @Test func billionLaughsIsRefusedAtTheDoctype() {
        let xml = """
        <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">
        <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
        <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]><lolz>&lol2;</lolz>
        """
        #expect(refusal(xml) == .doctypeForbidden)
    }

    @Test func externalEntitiesAreRefused() {
        #expect(refusal("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>") == .doctypeForbidden)
        #expect(refusal("<!DOCTYPE x SYSTEM \"http://127.0.0.1:1/dtd\"><x/>") == .doctypeForbidden)
    }

    @Test func undeclaredEntitiesAndMalformedXML() {
        if case .malformed = refusal("<x>&undeclared;</x>") {} else { Issue.record("undeclared entity accepted") }
        if case .malformed = refusal("<x><y></x>") {} else { Issue.record("mismatched tags accepted") }
        #expect(refusal("") == .empty)
    }

    @Test func sizeAndDepthCaps() {
        #expect(refusal("<x>\(String(repeating: "a", count: 2000))</x>", limits: XMLLimits(maxBytes: 1000)) == .tooLarge(size: 2007, limit: 1000))
        let deep = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
        #expect(refusal(deep) != nil)
        let moderate = String(repeating: "<a>", count: 50) + String(repeating: "</a>", count: 50)
        #expect(refusal(moderate, limits: XMLLimits(maxDepth: 40)) == .tooDeep(limit: 40))
    }

    @Test func elementsMatchByNamespaceNotPrefix() throws {
        let xml = """
        <root xmlns:a="http://www.w3.org/2000/09/xmldsig#" xmlns="http://www.w3.org/2000/09/xmldsig#">
        <a:Signature Id="one"/><Signature Id="two"/><other:Signature xmlns:other="urn:fake" Id="three"/>
        </root>
        """
        let root = try #require(try XMLDocument.parse(Array(xml.utf8)).root)
        #expect(root.children(XMLNamespace.dsig, "Signature").compactMap { $0.attribute("Id") } == ["one", "two"])
    }

    @Test func textSkipsCommentsLikeCanonicalizationDoes() throws {
        let root = try #require(try XMLDocument.parse(Array("<t>2020<!---->-01-01</t>".utf8)).root)
        #expect(root.text == "2020-01-01")
    }

    @Test func bareXAdESAndDDOC() throws {
        let xades = "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" Id=\"S\"/>"
        let container = try Container.open(path: TempDir.shared.file("sig.xml", Array(xades.utf8)))
        #expect(container.type == .xades)
        #expect(container.signatureCount == 1)

        let ddoc = "<?xml version=\"1.0\"?><SignedDoc format=\"DIGIDOC-XML\" xmlns=\"http://www.sk.ee/DigiDoc/v1.3.0#\"/>"
        do {
            _ = try Container.open(path: TempDir.shared.file("x.ddoc", Array(ddoc.utf8)))
            Issue.record("DDOC accepted")
        } catch let error as InputError {
            #expect(error.key == "format.ddoc")
        }
    }
}

/// XML floods that make libxml2 2.9's quadratic attribute check hang are refused by a linear
/// scan before parsing, in well under a second; ordinary documents pass the scan untouched.
@Suite("XML floods")
struct XMLFloodTests {
    func refusal(_ xml: [UInt8], limits: XMLLimits = .default) -> XMLParseError? {
        do { _ = try XMLDocument.parse(xml, limits: limits) } catch let error as XMLParseError { return error } catch {}
        return nil
    }

    @Test func fiftyThousandAttributesAreRefusedQuickly() {
        var xml = Array("<x".utf8)
        for i in 0..<50_000 { xml += Array(" a\(i)=\"v\"".utf8) }
        xml += Array("/>".utf8)
        let started = ContinuousClock.now
        guard case .limit(let what, _, let limit)? = refusal(xml) else { Issue.record("not refused"); return }
        #expect(what == "attributes on one element" && limit == 256)
        #expect(ContinuousClock.now - started < .seconds(1))
    }

    @Test func namespaceFloodsAreRefused() {
        var perElement = Array("<x".utf8)
        for i in 0..<1_000 { perElement += Array(" xmlns:p\(i)=\"urn:\(i)\"".utf8) }
        perElement += Array("/>".utf8)
        guard case .limit(let what, _, _)? = refusal(perElement) else { Issue.record("not refused"); return }
        #expect(what == "namespace declarations on one element")

        var document = Array("<r>".utf8)
        for i in 0..<5_000 { document += Array("<e xmlns:p=\"urn:\(i)\"/>".utf8) }
        document += Array("</r>".utf8)
        guard case .limit(let total, _, _)? = refusal(document) else { Issue.record("not refused"); return }
        #expect(total == "namespace declarations in the document")
        // The option to raise them.
        var raised = XMLLimits.default
        raised.maxNamespacesPerDocument = 10_000
        #expect(refusal(document, limits: raised) == nil)
    }

    @Test func depthAndLongNamesAreRefused() {
        let deep = Array((String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)).utf8)
        #expect(refusal(deep) == .tooDeep(limit: 256))
        let long = Array("<\(String(repeating: "n", count: 2_000))/>".utf8)
        guard case .limit(let what, _, _)? = refusal(long) else { Issue.record("not refused"); return }
        #expect(what == "an element name")
    }

    /// The scan jumps over text, quoted values, comments and CDATA a block at a time: what hides in
    /// them is never counted, and the attributes after them still are.
    @Test func attributesAfterLongTextAndValuesAreStillCounted() {
        let filler = String(repeating: "QUJD", count: 5_000)
        let fake = (0..<300).map { " f\($0)=\"v\"" }.joined()
        var attributes = (0..<300).map { " a\($0)=\"x > y\"" }.joined()
        let flooded = "<r>\(filler)<!-- <c\(fake)/> --><![CDATA[<d\(fake)/>]]><e q='\(filler)>'\(attributes)/></r>"
        guard case .limit(let what, _, _)? = refusal(Array(flooded.utf8)) else { Issue.record("not refused"); return }
        #expect(what == "attributes on one element")
        attributes = (0..<200).map { " a\($0)=\"x > y\"" }.joined()
        let fine = "<r>\(filler)<!-- <c\(fake)/> --><![CDATA[<d\(fake)/>]]><e q='\(filler)>'\(attributes)/></r>"
        #expect(refusal(Array(fine.utf8)) == nil)
        // Unterminated at every kind of place: left to the parser, never a crash or a hang.
        for cut in ["<r a=\"\(filler)", "<r><!-- \(filler)", "<r><![CDATA[\(filler)", "<r><?pi \(filler)", "<r>\(filler)", "</r"] {
            _ = refusal(Array(cut.utf8))
        }
    }

    @Test func ordinaryXMLPassesTheScan() throws {
        let xml = """
        <?xml version="1.0"?><!-- a <comment> with 'quotes' --><r xmlns="urn:a" xmlns:b="urn:b" b:x='a > b' y="c/d">\
        <![CDATA[<not a="tag">]]><?pi <x> ?><b:e z="1"/>text &amp; more</r>
        """
        #expect(refusal(Array(xml.utf8)) == nil)
    }

    /// A container whose manifest floods is refused as not processable with the finding key.
    @Test func aFloodedManifestMakesTheContainerNotProcessable() throws {
        var manifest = "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"><manifest:file-entry"
        for i in 0..<50_000 { manifest += " a\(i)=\"v\"" }
        manifest += "/></manifest:manifest>"
        let dir = try scratchFolder()
        let writer = try ZipWriter(path: dir + "/flood.asice")
        try writer.add("mimetype", Array("application/vnd.etsi.asic-e+zip".utf8), deflate: false)
        try writer.add("a.txt", Array("hello".utf8))
        try writer.add("META-INF/manifest.xml", Array(manifest.utf8))
        try writer.finish()
        let started = ContinuousClock.now
        do {
            _ = try Container.open(path: dir + "/flood.asice")
            Issue.record("a flooded manifest was opened")
        } catch let error as XMLParseError {
            #expect(error.key == "xml.limit")
        } catch let error as InputError {
            #expect(error.key == "asic.manifest.malformed" && error.message.contains("attributes on one element"), "\(error)")
        }
        #expect(ContinuousClock.now - started < .seconds(2))
    }
}
