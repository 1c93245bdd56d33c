import Foundation
import TestSupport
import Testing

/// `asic inspect` and `asic extract` of DDOC files (our own vectors): structure and integrity
/// without trust, and the data files extracted under the same safety rules as a container's.
@Suite("asic inspect and extract: DDOC")
struct DDOCInspectExtractTests {
    static let ddoc = OwnVectors.root + "/ddoc/"

    @Test func inspectSaysWhatIsIntact() throws {
        let good = try CLI.run(["inspect", Self.ddoc + "valid-1.3-two-datafiles.ddoc"])
        #expect(good.status == 0 && good.stdout.contains("DDOC DIGIDOC-XML 1.3, 2 data files") && good.stdout.contains("intact"), "\(good.stdout)")
        let changed = try CLI.run(["inspect", Self.ddoc + "invalid-datafile-changed.ddoc"])
        #expect(changed.status == 1 && changed.stdout.contains("CHANGED"), "\(changed.stdout)")
        // Trust is not inspect's question: a rogue CA's signer is still intact.
        #expect(try CLI.run(["inspect", "--quiet", Self.ddoc + "invalid-signer-rogue-ca.ddoc"]).status == 0)
        #expect(try CLI.run(["inspect", "--quiet", Self.ddoc + "reject-doctype-entity.ddoc"]).status == 3)
        let json = try CLI.run(["inspect", "--format", "json", Self.ddoc + "valid-1.3.ddoc"]).stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["containerType"] as? String == "DDOC" && object["intact"] as? Bool == true)
    }

    @Test func extractWritesTheDataFilesSafely() throws {
        let out = try scratchFolder() + "/out"
        let first = try CLI.run(["extract", Self.ddoc + "valid-1.3-two-datafiles.ddoc", "--to", out])
        #expect(first.status == 0, "\(first.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(names.count == 2, "\(names)")
        // Nothing is overwritten without --force.
        #expect(try CLI.run(["extract", "--quiet", Self.ddoc + "valid-1.3-two-datafiles.ddoc", "--to", out]).status == 73)
        #expect(try CLI.run(["extract", "--quiet", "--force", Self.ddoc + "valid-1.3-two-datafiles.ddoc", "--to", out]).status == 0)
        // HASHCODE data files hold no content: nothing is written.
        let hashcode = try scratchFolder() + "/hash"
        let refused = try CLI.run(["extract", Self.ddoc + "valid-1.3-hashcode.ddoc", "--to", hashcode])
        #expect(refused.status == 3 && refused.stderr.contains("HASHCODE"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: hashcode))
    }

    /// A data file named to climb out of the destination is refused before anything is written.
    @Test func aClimbingNameIsRefused() throws {
        let base = try String(contentsOfFile: Self.ddoc + "valid-1.3.ddoc", encoding: .utf8)
        let hostile = try scratchFolder() + "/hostile.ddoc"
        try write(base.replacingOccurrences(of: "Filename=\"letter.txt\"", with: "Filename=\"..\""), to: hostile)
        let out = try scratchFolder() + "/out"
        let result = try CLI.run(["extract", hostile, "--to", out])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}

/// A DDOC beyond the streaming size (9 MiB of content): inspect and extract stream it (the body
/// is decoded from the file in bounded buffers) and give the same bytes.
@Suite("asic inspect and extract: large DDOC")
struct LargeDDOCTests {
    @Test func aStreamedDataFileIsExtractedWhole() throws {
        let base = try String(contentsOfFile: OwnVectors.root + "/ddoc/valid-1.3.ddoc", encoding: .utf8)
        var content = [UInt8](repeating: 0, count: 9 << 20)
        for index in content.indices { content[index] = UInt8(truncatingIfNeeded: index &* 2_654_435_761 >> 13) }
        let encoded = Data(content).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        let open = try #require(base.range(of: "<DataFile"))
        let start = try #require(base.range(of: ">", range: open.upperBound..<base.endIndex))
        let end = try #require(base.range(of: "</DataFile>"))
        let big = try scratchFolder() + "/big.ddoc"
        try write(String(base[..<start.upperBound]) + encoded + String(base[end.lowerBound...]), to: big)
        let out = try scratchFolder() + "/out"
        let extract = try CLI.run(["extract", "--quiet", big, "--to", out])
        #expect(extract.status == 0, "\(extract.stderr)")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: out).first)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: out + "/" + name))) == content)
        // The content changed under the signature: not intact, with the new content's size.
        let inspect = try CLI.run(["inspect", big])
        #expect(inspect.status == 1 && inspect.stdout.contains("\(9 << 20)") && inspect.stdout.contains("CHANGED"), "\(inspect.stdout)")
    }
}
