@testable import ASiC
import Findings
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
