import TestSupport
import ASiC
import Findings
import Foundation
import Testing
@testable import XAdES

@Suite("Reference resolution")
struct ReferenceResolutionTests {
    private func crypto(_ options: SignedFixture.Options) throws -> (CoreResult.Crypto, [String]) {
        let fixture = try SignedFixture.make(.p256, options)
        let result = try #require(try SignedDocument.open(path: fixture.container).verifyCore().first)
        return (result.crypto, result.findings.map(\.key))
    }

    @Test(arguments: [
        ("a+b.txt", "a+b.txt", CoreResult.Crypto.ok),
        ("a+b.txt", "a%2Bb.txt", .ok),
        ("a b.txt", "a%20b.txt", .ok),
        ("a b.txt", "a+b.txt", .notFound),           // `+` is not a space (digidoc4j#104)
        ("õun.txt", "%C3%B5un.txt", .ok),             // libdigidocpp encodes every non-ASCII byte
        ("õun.txt", "õun.txt", .ok),                  // DSS leaves Unicode letters raw
        ("100%.txt", "100%.txt", .ok),                // not a valid escape: the raw name is tried
        ("x.txt", "../x.txt", .notFound),
        ("x.txt", "http://example.org/x.txt", .notFound),
        ("x.txt", "META-INF/manifest.xml", .hashFailure), // resolvable metadata, but never data
    ])
    func uriEncodings(file: String, uri: String, expected: CoreResult.Crypto) throws {
        var options = SignedFixture.Options()
        options.fileName = file
        options.uri = uri.replacingOccurrences(of: "&", with: "&amp;")
        let (crypto, keys) = try crypto(options)
        #expect(crypto == expected, "\(keys)")
    }

    /// Transforms that would sign something else than what is shown are refused as unsupported:
    /// on a data file (here C14N, whose output equals the raw bytes, so the digest matches; a
    /// canonicalized file could gain comments or other formatting after signing and still verify),
    /// and base64 on the SignedProperties reference (text without structure; base64 reads only an
    /// enveloped Object's text).
    @Test(arguments: ["data file C14N", "SignedProperties base64"])
    func transformsThatSignSomethingElseAreRefused(_ which: String) throws {
        var options = SignedFixture.Options()
        options.fileName = "data.xml"
        options.uri = "data.xml"
        options.content = "<a>1</a>"
        #expect(try crypto(options).0 == .ok, "the control without the transform")
        if which == "data file C14N" {
            options.dataTransforms = "<ds:Transforms><ds:Transform Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\"/></ds:Transforms>"
        } else {
            options.signedPropertiesTransform = "http://www.w3.org/2000/09/xmldsig#base64"
        }
        let (crypto, keys) = try crypto(options)
        #expect(crypto != .ok)
        #expect(keys.contains("xades.reference.transform-unsupported"), "\(keys)")
    }

    @Test func metadataReferencesAreFlagged() throws {
        var options = SignedFixture.Options()
        options.uri = "META-INF/manifest.xml"
        #expect(try crypto(options).1.contains("xades.reference.reserved"))
    }

    @Test func duplicateIdsAreRefusedAsWrapping() throws {
        var options = SignedFixture.Options()
        options.extraXML = "<ds:Signature Id=\"S1\"><ds:Object><xades:SignedProperties Id=\"S0-SignedProperties\"/></ds:Object></ds:Signature>"
        let fixture = try SignedFixture.make(.p256, options)
        let results = try SignedDocument.open(path: fixture.container).verifyCore()
        let first = try #require(results.first)
        #expect(first.crypto == .notFound)
        #expect(first.findings.contains { $0.key == "xades.reference.duplicate-id" })
    }

    @Test func signedPropertiesReferenceMustPointToThisSignature() throws {
        // A second signature file element supplies a SignedProperties-typed target elsewhere.
        let xml = """
        <asic:XAdESSignatures xmlns:asic="http://uri.etsi.org/02918/v1.2.1#" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:xades="http://uri.etsi.org/01903/v1.3.2#">\
        <ds:Signature Id="S0"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2006/12/xml-c14n11"/>\
        <ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"/>\
        <ds:Reference Type="http://uri.etsi.org/01903#SignedProperties" URI="#decoy"><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>AA==</ds:DigestValue></ds:Reference>\
        </ds:SignedInfo><ds:SignatureValue>AA==</ds:SignatureValue><ds:Object><xades:QualifyingProperties Target="#S0">\
        <xades:SignedProperties Id="real"/></xades:QualifyingProperties></ds:Object><ds:Object><xades:SignedProperties Id="decoy"/></ds:Object>\
        </ds:Signature></asic:XAdESSignatures>
        """
        let dir = try scratchFolder()
        try write(xml, to: dir + "/sig.xml")
        let result = try #require(try SignedDocument.open(path: dir + "/sig.xml").verifyCore().first)
        #expect(result.findings.contains { $0.key == "xades.reference.wrapped" })
        #expect(result.crypto == .notFound)
    }

    /// XML signature wrapping: a same-document reference must land in a ds:Object (or KeyInfo)
    /// that is a direct child of this ds:Signature; an Id found only in a wrapper elsewhere is not
    /// signed data (SIGNED_DATA_NOT_FOUND).
    @Test(arguments: [
        ("<ds:Object Id=\"obj\">data</ds:Object>", "", true),
        ("<ds:Object><p:x xmlns:p=\"urn:p\" Id=\"obj\">data</p:x></ds:Object>", "", true),
        ("<ds:Object><w><ds:Object Id=\"obj\">data</ds:Object></w></ds:Object>", "", true),
        ("", "<w><ds:Object Id=\"obj\">data</ds:Object></w>", false),
        ("", "<ds:Signature Id=\"other\"><ds:Object Id=\"obj\">data</ds:Object></ds:Signature>", false),
        ("<ds:SignatureProperties Id=\"obj\"/>", "", false),
    ])
    func sameDocumentObjectsMustBeThisSignaturesObjects(inside: String, outside: String, found: Bool) throws {
        let xml = """
        <root xmlns:ds="http://www.w3.org/2000/09/xmldsig#">\(outside)<ds:Signature Id="S0"><ds:SignedInfo>\
        <ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>\
        <ds:Reference URI="#obj"><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>AA==</ds:DigestValue></ds:Reference></ds:SignedInfo>\
        <ds:SignatureValue>AA==</ds:SignatureValue>\(inside)</ds:Signature></root>
        """
        let dir = try scratchFolder()
        try write(xml, to: dir + "/sig.xml")
        let result = try #require(try SignedDocument.open(path: dir + "/sig.xml").verifyCore().first { $0.signature.label == "S0" })
        #expect(result.references.first?.found == found, "\(result.findings.map(\.message))")
        #expect(result.findings.contains { $0.key == "xades.reference.outside-signature" } == !found)
    }

    /// A reference typed SignedProperties must name this signature's SignedProperties by Id.
    @Test(arguments: ["data.txt", ""])
    func aSignedPropertiesTypedReferenceToAnythingElseIsRefused(uri: String) throws {
        let xml = """
        <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:xades="http://uri.etsi.org/01903/v1.3.2#" Id="S0"><ds:SignedInfo>\
        <ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>\
        <ds:Reference Type="http://uri.etsi.org/01903#SignedProperties" URI="\(uri)"><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></ds:Transforms>\
        <ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>AA==</ds:DigestValue></ds:Reference></ds:SignedInfo>\
        <ds:SignatureValue>AA==</ds:SignatureValue><ds:Object><xades:QualifyingProperties Target="#S0"><xades:SignedProperties Id="S0-SP"/></xades:QualifyingProperties></ds:Object></ds:Signature>
        """
        let dir = try scratchFolder()
        try write(xml, to: dir + "/sig.xml")
        try write("data", to: dir + "/data.txt")
        let result = try #require(try SignedDocument.open(path: dir + "/sig.xml", detached: [dir + "/data.txt"]).verifyCore().first)
        #expect(result.findings.contains { $0.key == "xades.reference.wrapped" }, "\(result.findings.map(\.key))")
        #expect(result.references.first?.found == false)
    }

    @Test func onlyCanonicalizationTransformsAreAllowed() throws {
        let xml = """
        <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="S0"><ds:SignedInfo>\
        <ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>\
        <ds:Reference URI="#obj"><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xslt-19991116"/></ds:Transforms>\
        <ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>AA==</ds:DigestValue></ds:Reference></ds:SignedInfo>\
        <ds:SignatureValue>AA==</ds:SignatureValue><ds:Object Id="obj">data</ds:Object></ds:Signature>
        """
        let dir = try scratchFolder()
        try write(xml, to: dir + "/sig.xml")
        let result = try #require(try SignedDocument.open(path: dir + "/sig.xml").verifyCore().first)
        #expect(result.findings.contains { $0.key == "xades.reference.transform-unsupported" })
        #expect(result.references.first?.intact == false)
    }

    @Test func percentDecodingKeepsPlus() {
        #expect(ReferenceURI.percentDecode("a%20b+c%2B") == Array("a b+c+".utf8))
        #expect(ReferenceURI.percentDecode("bad%zz") == nil)
    }

    @Test func issuerNamesCompareByAttributesNotSpelling() {
        let parsed = IssuerSerialCheck.parse("CN=ESTEID-SK 2011, O=AS Sertifitseerimiskeskus,C=EE, 2.5.4.97=#0c0e4e545245452d3130373437303133")
        #expect(parsed.map(\.type) == ["CN", "O", "C", "2.5.4.97"])
        #expect(IssuerSerialCheck.parse("CN=M\\C3\\84NNIK\\, MARI").first?.value == "MÄNNIK, MARI")
    }
}
