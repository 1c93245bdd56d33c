@testable import ASiC
import Foundation
import Testing

@Suite("Safe extraction")
struct ExtractorTests {
    private let fm = FileManager.default

    private func files(in dir: String) -> [String] {
        (fm.enumerator(atPath: dir)?.allObjects as? [String] ?? []).sorted()
    }

    @Test func writesDataFilesOnlyIncludingSubfolders() throws {
        var zip = ASiCFixtures.container([("doc.txt", "hello"), ("sub/deeper/b.txt", "nested")])
        zip.add(.init("META-INF/extra.txt", "never extracted"))
        let container = try Container.open(path: zip.write())
        let dir = try TempDir.shared.folder() + "/out"
        let written = try Extractor(container: container).extract(to: dir)
        #expect(written == ["doc.txt", "sub/deeper/b.txt"])
        #expect(files(in: dir) == ["doc.txt", "sub", "sub/deeper", "sub/deeper/b.txt"])
        #expect(try String(contentsOfFile: dir + "/sub/deeper/b.txt", encoding: .utf8) == "nested")
    }

    @Test func neverOverwritesWithoutForce() throws {
        let container = try Container.open(path: ASiCFixtures.container([("a.txt", "new a"), ("b.txt", "new b")]).write())
        let dir = try TempDir.shared.folder()
        try "old b".write(toFile: dir + "/b.txt", atomically: true, encoding: .utf8)
        #expect(throws: ExtractError.self) { try Extractor(container: container).extract(to: dir) }
        // Refused before anything was written: a.txt is not there either, and no staging is left.
        #expect(files(in: dir) == ["b.txt"])
        #expect(try String(contentsOfFile: dir + "/b.txt", encoding: .utf8) == "old b")
        try Extractor(container: container, overwrite: true).extract(to: dir)
        #expect(try String(contentsOfFile: dir + "/b.txt", encoding: .utf8) == "new b")
        #expect(files(in: dir) == ["a.txt", "b.txt"])
    }

    @Test func symlinksInTheDestinationAreNotFollowed() throws {
        let container = try Container.open(path: ASiCFixtures.container([("sub/a.txt", "x")]).write())
        let dir = try TempDir.shared.folder()
        let outside = try TempDir.shared.folder()
        try fm.createSymbolicLink(atPath: dir + "/sub", withDestinationPath: outside)
        do {
            try Extractor(container: container, overwrite: true).extract(to: dir)
            Issue.record("followed a symlink")
        } catch let error as ExtractError {
            #expect(error.key == "extract.symlink")
        }
        #expect(files(in: outside).isEmpty)

        let target = try TempDir.shared.file("victim.txt", Array("keep".utf8))
        let dir2 = try TempDir.shared.folder()
        try fm.createSymbolicLink(atPath: dir2 + "/sub", withDestinationPath: (target as NSString).deletingLastPathComponent)
        #expect(throws: ExtractError.self) { try Extractor(container: container, overwrite: true).extract(to: dir2) }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep")
    }

    @Test func aCorruptEntryLeavesNoPartialFile() throws {
        var zip = ASiCFixtures.container([("a.txt", "first file"), ("b.txt", String(repeating: "second ", count: 50_000))])
        zip.entries[3].centralCRC = 0xBAD0_BAD0
        zip.entries[3].localCRC = 0xBAD0_BAD0
        let container = try Container.open(path: zip.write())
        let dir = try TempDir.shared.folder()
        do {
            try Extractor(container: container).extract(to: dir + "/new/nested")
            Issue.record("extracted a corrupt entry")
        } catch let error as ExtractError {
            #expect(error.key == "zip.crc-mismatch")
        }
        // The folders it created are gone again, and nothing partial is left.
        #expect(files(in: dir).isEmpty)
    }

    /// A combining mark after `..`, `/` or `\\` joins them into one Swift character, so a check by
    /// characters saw a harmless segment where the file system sees `..` or an absolute path:
    /// `../\u{301}x.txt` was written next to the destination. Names are taken apart on bytes.
    /// The absolute one names a folder of its own, so a regression cannot meet a leftover.
    static let absoluteFolder = "/\u{301}asic-test-\(UUID().uuidString)"
    static let hiddenTraversals = ["../\u{301}x.txt", "a/../\u{301}b.txt", absoluteFolder + "/x.txt", "a\\\u{301}b.txt", "./\u{301}c.txt"]

    @Test(arguments: hiddenTraversals)
    func aCombiningMarkCannotHideATraversal(name: String) throws {
        #expect(ManifestRule.pathProblem(name) != nil, "manifest path \(name)")
        #expect(EntryNameRule.check(rawName: Array(name.utf8), name: name, isDirectory: false).contains { $0.isFatal }, "entry \(name)")
        // A container holding it is refused, and so is a DDOC-style item list; nothing is written anywhere.
        let base = try TempDir.shared.folder()
        let out = base + "/deep/out"
        try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
        let zip = ASiCFixtures.container([(name, "escaped")])
        if let container = try? Container.open(path: zip.write()) {
            #expect(throws: ExtractError.self) { try Extractor(container: container).extract(to: out) }
        }
        #expect(throws: ExtractError.self) {
            try Extractor(items: [.init(name: name) { try Extractor.write(Array("escaped".utf8), to: $0) }]).extract(to: out)
        }
        #expect(files(in: base) == ["deep", "deep/out"], "\(name) wrote \(files(in: base))")
        #expect(!fm.fileExists(atPath: Self.absoluteFolder), "an absolute path was written")
    }

    @Test func namesThatCollideOnCaseInsensitiveFileSystemsAreRefusedUpFront() throws {
        var zip = ASiCFixtures.container([("Report.txt", "one"), ("report.TXT", "two")])
        zip.entries[1] = .init("META-INF/manifest.xml", ASiCFixtures.manifest([("Report.txt", "text/plain"), ("report.TXT", "text/plain")]))
        let container = try Container.open(path: zip.write())
        let dir = try TempDir.shared.folder()
        do {
            try Extractor(container: container).extract(to: dir)
            Issue.record("extracted colliding names")
        } catch let error as ExtractError {
            #expect(error.key == "extract.name-collision")
        }
        #expect(files(in: dir).isEmpty)
    }
}
