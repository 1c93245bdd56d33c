@testable import ASiC
import Testing

/// The byte-level fast paths for entry names (signature-file detection, the last path segment,
/// escaping for display) answer exactly as the character-wise code they short-cut, including
/// for names where bytes and characters differ.
@Suite("Entry-name fast paths")
struct EntryNameFastPathTests {
    /// The character-wise rule the fast path must reproduce.
    private func characterWise(_ name: String) -> Bool {
        guard name.hasPrefix("META-INF/") else { return false }
        let file = name.dropFirst("META-INF/".count)
        return !file.contains("/") && file.contains("signatures") && file.hasSuffix(".xml")
    }

    @Test func signatureFilesAsTheCharacterWiseRuleFindsThem() {
        let names = ["META-INF/signatures0.xml", "META-INF/signatures.xml", "META-INF/my-signatures-1.xml",
                     "META-INF/signature.xml", "META-INF/sub/signatures0.xml", "signatures0.xml", "META-INF/signatures0.XML",
                     // A combining acute after the "s" makes "ś": characters no longer spell "signatures".
                     "META-INF/signatures\u{301}0.xml", "META-INF/signatureś.xml", "META-INF/signatures0.xml\u{301}",
                     "META-INF/ｓignatures0.xml", "META-INF/signatures0.xml/"]
        for name in names {
            #expect(EntryKind.isSignatureFile(named: name, isDirectory: false) == characterWise(name), "\(name)")
        }
        #expect(!EntryKind.isSignatureFile(named: "META-INF/signatures0.xml", isDirectory: true))
        // A combining mark after a "/" does not hide it: that file is in a subfolder of META-INF,
        // not a signature file (as libdigidocpp reads the bytes).
        #expect(!EntryKind.isSignatureFile(named: "META-INF/a/\u{301}signatures0.xml", isDirectory: false))
    }

    @Test func lastSegmentAsSplittingGaveIt() {
        for path in ["a/b/c.asice", "c.asice", "", "/", "dir/", "dir//", "/x.bdoc", "ä/ö.sce"] {
            #expect(ContainerContext.lastSegment(of: path) == (path.split(separator: "/").last ?? path[...]), "\(path)")
        }
    }

    @Test func printableASCIINamesAreShownAsTheyAre() {
        #expect(EntryNameRule.escaped("META-INF/manifest.xml") == "META-INF/manifest.xml")
        #expect(EntryNameRule.escaped("a\u{7F}b") == "a\\u{7f}b")
        #expect(EntryNameRule.escaped("a\u{202E}b\tc") == "a\\u{202e}b\\u{9}c")
        let long = String(repeating: "x", count: 81)
        #expect(EntryNameRule.escaped(long) == String(repeating: "x", count: 40) + "…" + String(repeating: "x", count: 30) + " (81 bytes)")
        // The end of a long name is shown: a padded-away extension, a long path's file name.
        let padded = "contract.pdf" + String(repeating: " ", count: 200) + ".exe"
        #expect(EntryNameRule.escaped(padded).contains(".exe") && EntryNameRule.escaped(padded).hasPrefix("contract.pdf"))
        let deep = "/" + (0..<20).map { "folder\($0)" }.joined(separator: "/") + "/evil.pdf"
        #expect(EntryNameRule.escaped(deep).contains("/evil.pdf"))
        // 81 bytes but 41 characters: not shortened.
        let wide = String(repeating: "ä", count: 40) + "x"
        #expect(EntryNameRule.escaped(wide) == wide)
    }
}
