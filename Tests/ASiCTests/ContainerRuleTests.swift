@testable import ASiC
import Findings
import Testing

/// Opens `zip` and returns its finding keys, or the refusal key prefixed with "fatal:".
func outcome(_ zip: ZipBuilder, named name: String = "test.asice") throws -> [String] {
    do {
        return try Container.open(path: zip.write(named: name)).findings.map(\.key)
    } catch let error as InputError {
        return ["fatal:" + error.key]
    }
}

@Suite("Container rules")
struct ContainerRuleTests {
    @Test func wellFormedContainerHasNoFindings() throws {
        let container = try Container.open(path: ASiCFixtures.container().write())
        #expect(container.type == .asicE)
        #expect(container.findings.isEmpty)
        #expect(container.dataFiles.map(\.name) == ["doc.txt"])
        #expect(container.dataFiles[0].mediaType == "text/plain")
        #expect(container.signatureFiles.map(\.name) == ["META-INF/signatures0.xml"])
        #expect(container.signatureCount == 1)
    }

    @Test(arguments: [
        ("../evil.txt", "zip.name.dot-segment"),
        ("a/../../evil.txt", "zip.name.dot-segment"),
        ("/etc/passwd", "zip.name.absolute"),
        ("C:evil.txt", "zip.name.absolute"),
        ("a\\b.txt", "zip.name.backslash"),
        ("a//b.txt", "zip.name.empty-segment"),
        ("nul\u{0}byte.txt", "zip.name.control"),
        ("./a.txt", "zip.name.dot-segment"),
    ])
    func hostileNamesAreRefused(name: String, key: String) throws {
        var zip = ASiCFixtures.container()
        zip.add(.init(name, "payload"))
        #expect(try outcome(zip) == ["fatal:" + key])
    }

    @Test func bidiCharactersInNamesAreWarned() throws {
        var zip = ASiCFixtures.container([("invoice\u{202E}fdp.exe", "x")])
        zip.entries[1] = .init("META-INF/manifest.xml", ASiCFixtures.manifest([("invoice\u{202E}fdp.exe", "text/plain")]))
        #expect(try outcome(zip).contains("zip.name.bidi"))
    }

    @Test func duplicateNames() throws {
        var exact = ASiCFixtures.container()
        exact.add(.init("doc.txt", "other"))
        #expect(try outcome(exact) == ["fatal:zip.name.duplicate"])

        var cased = ASiCFixtures.container()
        cased.add(.init("DOC.txt", "other"))
        #expect(try outcome(cased).contains("zip.name.duplicate-case"))

        var unicode = ASiCFixtures.container([("\u{00E9}.txt", "nfc")])
        unicode.add(.init("e\u{0301}.txt", "nfd"))
        let keys = try outcome(unicode)
        #expect(keys.contains("zip.name.duplicate-unicode"))
        // The NFD twin is a different file to a byte-exact reader: not listed in the manifest.
        #expect(keys.contains("asic.manifest.file-not-listed"))
    }

    @Test func mimetypeDefectsAreWarnings() throws {
        var notFirst = ASiCFixtures.container()
        notFirst.entries.swapAt(0, 1)
        #expect(try outcome(notFirst) == ["asic.mimetype.not-first"])

        var compressed = ASiCFixtures.container()
        compressed.entries[0].method = 8
        #expect(try outcome(compressed) == ["asic.mimetype.compressed"])

        var extra = ASiCFixtures.container()
        extra.entries[0].localExtra = [0x55, 0x54, 0x01, 0x00, 0x00]
        #expect(try outcome(extra) == ["asic.mimetype.extra-field"])

        var bom = ASiCFixtures.container()
        bom.entries[0].data = [0xEF, 0xBB, 0xBF] + Array(ASiCFixtures.asicE.utf8)
        #expect(try outcome(bom) == ["asic.mimetype.bom"])

        var newline = ASiCFixtures.container()
        newline.entries[0].data = Array((ASiCFixtures.asicE + "\r\n").utf8)
        #expect(try outcome(newline) == ["asic.mimetype.whitespace"])

        var wrong = ASiCFixtures.container()
        wrong.entries[0].data = Array("text/plain".utf8)
        #expect(try outcome(wrong) == ["asic.mimetype.wrong"])
    }

    @Test func missingMimetypeIsFatalOnlyForBDOC() throws {
        var zip = ASiCFixtures.container()
        zip.entries.removeFirst()
        #expect(try outcome(zip, named: "x.asice") == ["asic.mimetype.missing"])
        #expect(try outcome(zip, named: "x.bdoc") == ["fatal:asic.mimetype.missing"])
    }

    @Test func manifestRules() throws {
        var missing = ASiCFixtures.container()
        missing.entries.remove(at: 1)
        #expect(try outcome(missing) == ["fatal:asic.manifest.missing"])

        var malformed = ASiCFixtures.container()
        malformed.entries[1].data = Array("<manifest:manifest".utf8)
        #expect(try outcome(malformed) == ["fatal:asic.manifest.malformed"])

        var emptyPath = ASiCFixtures.container()
        emptyPath.entries[1].data = Array(ASiCFixtures.manifest([("doc.txt", "text/plain"), ("", "text/plain")]).utf8)
        #expect(try outcome(emptyPath) == ["fatal:asic.manifest.empty-path"])

        var unlisted = ASiCFixtures.container()
        unlisted.add(.init("extra.txt", "not in manifest"))
        #expect(try outcome(unlisted) == ["asic.manifest.file-not-listed"])

        var ghost = ASiCFixtures.container()
        ghost.entries[1].data = Array(ASiCFixtures.manifest([("doc.txt", "text/plain"), ("ghost.txt", "text/plain")]).utf8)
        #expect(try outcome(ghost) == ["asic.manifest.file-missing"])

        var rootMismatch = ASiCFixtures.container()
        rootMismatch.entries[1].data = Array(ASiCFixtures.manifest([("doc.txt", "text/plain")], root: ASiCFixtures.asicS).utf8)
        #expect(try outcome(rootMismatch) == ["fatal:asic.manifest.root-mismatch"])

        var badType = ASiCFixtures.container()
        badType.entries[1].data = Array(ASiCFixtures.manifest([("doc.txt", "application\\rtf")]).utf8)
        #expect(try outcome(badType) == ["asic.manifest.media-type-format"])
    }

    @Test func manifestWithADoctypeIsRefused() throws {
        var zip = ASiCFixtures.container()
        zip.entries[1].data = Array("""
        <?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">&x;</manifest:manifest>
        """.utf8)
        #expect(try outcome(zip) == ["fatal:asic.manifest.malformed"])
    }

    @Test func asicSStructure() throws {
        var good = ZipBuilder()
        good.add(.init("mimetype", ASiCFixtures.asicS, method: 0))
        good.add(.init("data.pdf", "pdf"))
        good.add(.init("META-INF/timestamp.tst", [0x30, 0x03, 0x02, 0x01, 0x00]))
        let container = try Container.open(path: good.write(named: "x.asics"))
        #expect(container.type == .asicS)
        #expect(container.findings.isEmpty)
        #expect(container.unsignedMetaFiles.map(\.name) == ["META-INF/timestamp.tst"])

        var two = good
        two.add(.init("second.pdf", "pdf"))
        #expect(try outcome(two, named: "x.asics") == ["fatal:asic-s.data-objects"])

        var folder = good
        folder.entries[1] = .init("dir/data.pdf", "pdf")
        #expect(try outcome(folder, named: "x.asics") == ["fatal:asic-s.subfolder"])

        var manifest = good
        manifest.add(.init("META-INF/manifest.xml", ASiCFixtures.manifest([("data.pdf", "application/pdf")])))
        #expect(try outcome(manifest, named: "x.asics") == ["asic-s.manifest"])
    }

    @Test func notContainers() throws {
        var plain = ZipBuilder()
        plain.add(.init("readme.txt", "just a zip"))
        #expect(try outcome(plain) == ["fatal:asic.not-a-container"])

        var bdoc10 = ZipBuilder()
        bdoc10.add(.init("mimetype", "application/vnd.bdoc-1.0", method: 0))
        bdoc10.add(.init("doc.txt", "x"))
        bdoc10.add(.init("META-INF/signature0.xml", "<x/>"))
        #expect(try outcome(bdoc10, named: "x.bdoc") == ["fatal:asic.not-a-container"])
    }

    @Test func signatureFilesAreCountedAndChecked() throws {
        var zip = ASiCFixtures.container()
        zip.entries[3].data = Array(ASiCFixtures.signatures(count: 3).utf8)
        let container = try Container.open(path: zip.write())
        #expect(container.signatureCount == 3)
        #expect(container.findings.map(\.key) == ["asic.signature-file.several"])

        var none = ASiCFixtures.container()
        none.entries.removeLast()
        #expect(try outcome(none) == ["asic.no-signatures"])

        var bomb = ASiCFixtures.container()
        bomb.entries[3].data = Array("""
        <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
        <asic:XAdESSignatures xmlns:asic="http://uri.etsi.org/02918/v1.2.1#">&lol2;</asic:XAdESSignatures>
        """.utf8)
        #expect(try outcome(bomb) == ["fatal:asic.signature-file.malformed"])
    }

    @Test func unsignedMetaInfFilesAreListed() throws {
        var zip = ASiCFixtures.container()
        zip.add(.init("META-INF/extra.txt", "who signed me?"))
        let container = try Container.open(path: zip.write())
        #expect(container.unsignedMetaFiles.map(\.name) == ["META-INF/extra.txt"])
        #expect(container.findings.map(\.key) == ["asic.meta-inf.unsigned"])
    }

    /// A folder entry holding bytes (stored or deflated) hides unsigned content: an error, so the
    /// container cannot pass. An empty folder entry, also one carrying an empty deflate stream, is ordinary.
    @Test func folderEntriesWithContentAreErrors() throws {
        for method: UInt16 in [0, 8] {
            var zip = ASiCFixtures.container()
            zip.add(.init("docs/", "a hidden clause that nobody signed", method: method))
            #expect(try outcome(zip) == ["zip.directory-with-content"], "method \(method)")
        }
        var empty = ASiCFixtures.container()
        empty.add(.init("docs/", "", method: 0))
        empty.add(.init("more/", "", method: 8))
        #expect(try outcome(empty) == [])
    }

    /// An Info-ZIP Unicode Path extra field (0x7075) that names another file makes unzip extract
    /// the entry under that name: in the central directory or the local header, it is an error;
    /// one that repeats the entry's own name is ordinary.
    @Test func unicodePathFieldsNamingAnotherFileAreErrors() throws {
        func field(_ name: String, version: UInt8 = 1) -> [UInt8] {
            let body = [version, 0, 0, 0, 0] + Array(name.utf8)
            return [0x75, 0x70, UInt8(body.count & 0xFF), UInt8(body.count >> 8)] + body
        }
        var central = ASiCFixtures.container()
        central.entries[2].centralExtra = field("annex.csv")
        #expect(try outcome(central) == ["zip.name.unicode-path"])
        var local = ASiCFixtures.container()
        local.entries[2].localExtra = field("annex.csv")
        #expect(try outcome(local) == ["zip.name.unicode-path"])
        var unreadable = ASiCFixtures.container()
        unreadable.entries[2].centralExtra = field("doc.txt", version: 2)
        #expect(try outcome(unreadable) == ["zip.name.unicode-path"])
        var overrunning = ASiCFixtures.container()
        overrunning.entries[2].centralExtra = Array(field("doc.txt").dropLast(3))
        #expect(try outcome(overrunning) == ["zip.name.unicode-path"])
        // NFD of a name stored in NFC is another name on disk.
        var decomposed = ASiCFixtures.container([("café.txt", "x")])
        decomposed.entries[2].centralExtra = field("cafe\u{301}.txt")
        #expect(try outcome(decomposed).contains("zip.name.unicode-path"))
        var same = ASiCFixtures.container()
        same.entries[2].centralExtra = field(String(decoding: same.entries[2].name, as: UTF8.self))
        same.entries[2].localExtra = field(String(decoding: same.entries[2].name, as: UTF8.self))
        #expect(try outcome(same) == [])
    }

    @Test func symlinkEntriesAreDataNeverLinks() throws {
        var zip = ASiCFixtures.container([("link", "/etc/passwd")])
        zip.entries[2].versionMadeBy = 3 << 8 | 20
        zip.entries[2].externalAttributes = UInt32(0o120777) << 16
        #expect(try outcome(zip) == ["zip.entry.symlink"])
    }
}
