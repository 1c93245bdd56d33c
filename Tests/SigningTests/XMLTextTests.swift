@testable import Signing
import Testing

/// Text written into signature XML: every markup character escaped, whatever follows it.
struct XMLTextTests {
    @Test func escapesMarkupEvenWithACombiningMarkAttached() {
        // "<" + U+0301 is one Swift Character: escaping by Character let it through raw, so a
        // file name or a signer role could open an element in the signature XML.
        #expect(XMLText.escape("a<\u{301}b") == "a&lt;\u{301}b")
        #expect(XMLText.escape("&\u{301}\"\u{301}>\u{301}") == "&amp;\u{301}&quot;\u{301}&gt;\u{301}")
        #expect(XMLText.escape("<x a=\"1\">&</x>") == "&lt;x a=&quot;1&quot;&gt;&amp;&lt;/x&gt;")
    }

    @Test func keepsCRLFAndEscapesALoneCR() {
        #expect(XMLText.escape("a\r\nb") == "a\r\nb")
        #expect(XMLText.escape("a\rb\r") == "a&#13;b&#13;")
    }
}
