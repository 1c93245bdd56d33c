@testable import ASiC
import Findings
import Testing

@Suite("Zip reader")
struct ZipReaderTests {
    private func open(_ zip: ZipBuilder, limits: ZipLimits = .default) throws -> ZipArchive {
        try ZipArchive(path: zip.write(), limits: limits)
    }

    private func content(_ archive: ZipArchive, _ name: String) throws -> [UInt8] {
        try archive.contents(of: #require(archive.entry(named: name)), limit: 1 << 26)
    }

    private func inputError(_ body: () throws -> Void) -> InputError? {
        do { try body() } catch let error as InputError { return error } catch { return nil }
        return nil
    }

    @Test func storedAndDeflatedEntriesStreamBack() throws {
        let big = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ ($0 >> 7)) }
        var zip = ZipBuilder()
        zip.add(.init("stored.bin", big, method: 0))
        zip.add(.init("deflated.bin", big, method: 8))
        let archive = try open(zip)
        #expect(archive.findings.isEmpty)
        #expect(try content(archive, "stored.bin") == big)
        #expect(try content(archive, "deflated.bin") == big)
        // Chunks never exceed the requested size: nothing is loaded whole.
        var largest = 0
        try archive.stream(archive.entries[1], chunkSize: 4096) { largest = max(largest, $0.count) }
        #expect(largest <= 4096)
    }

    @Test func dataDescriptorsWithAndWithoutSignature() throws {
        var zip = ZipBuilder()
        var a = ZipBuilder.Entry("a.txt", "alpha alpha alpha")
        a.dataDescriptor = true
        var b = ZipBuilder.Entry("b.txt", "beta", method: 0)
        b.dataDescriptor = true
        b.descriptorSignature = false
        zip.add(a)
        zip.add(b)
        let archive = try open(zip)
        #expect(archive.findings.isEmpty)
        #expect(try content(archive, "a.txt") == Array("alpha alpha alpha".utf8))
        #expect(try content(archive, "b.txt") == Array("beta".utf8))
    }

    @Test func dataDescriptorDisagreeingWithCentralDirectoryIsAFinding() throws {
        var zip = ZipBuilder()
        var a = ZipBuilder.Entry("a.txt", "alpha")
        a.dataDescriptor = true
        a.descriptorCRC = 0xDEAD_BEEF
        zip.add(a)
        let archive = try open(zip)
        #expect(archive.findings.map(\.key) == ["zip.data-descriptor.mismatch"])
    }

    @Test func zip64RecordsAndExtraFields() throws {
        var zip = ZipBuilder()
        zip.zip64 = true
        zip.add(.init("mimetype", ASiCFixtures.asicE, method: 0))
        zip.add(.init("doc.txt", "zip64 content"))
        let archive = try open(zip)
        #expect(archive.isZip64)
        #expect(archive.findings.isEmpty)
        #expect(try content(archive, "doc.txt") == Array("zip64 content".utf8))
    }

    @Test func endRecordWithComment() throws {
        var zip = ZipBuilder()
        zip.add(.init("a.txt", "a"))
        zip.comment = Array("mimetype=application/vnd.etsi.asic-e+zip PK\u{5}\u{6} fake".utf8)
        let archive = try open(zip)
        #expect(archive.comment == zip.comment)
        #expect(archive.entries.count == 1)
    }

    @Test func localHeaderNameMismatchIsAFindingAndTheCentralDirectoryWins() throws {
        var zip = ZipBuilder()
        var a = ZipBuilder.Entry("invoice.pdf", "real")
        a.localName = Array("evil.exe!!!".utf8)
        zip.add(a)
        let archive = try open(zip)
        #expect(archive.findings.map(\.key) == ["zip.local-header.name-mismatch"])
        #expect(archive.entries[0].name == "invoice.pdf")
        #expect(try content(archive, "invoice.pdf") == Array("real".utf8))
    }

    @Test func localHeaderMethodAndSizeMismatches() throws {
        var zip = ZipBuilder()
        var a = ZipBuilder.Entry("a.txt", "aaaa")
        a.localMethod = 0
        var b = ZipBuilder.Entry("b.txt", "bbbb")
        b.localUncompressedSize = 9999
        zip.add(a)
        zip.add(b)
        let keys = try open(zip).findings.map(\.key)
        #expect(keys.contains("zip.local-header.method-mismatch"))
        #expect(keys.contains("zip.local-header.size-mismatch"))
    }

    @Test func corruptContentFailsTheCRCWhileStreaming() throws {
        var zip = ZipBuilder()
        var a = ZipBuilder.Entry("a.txt", "original content")
        a.centralCRC = 0x1234_5678
        a.localCRC = 0x1234_5678
        zip.add(a)
        let archive = try open(zip)
        #expect(throws: ZipReadError.self) { try content(archive, "a.txt") }
        do { _ = try content(archive, "a.txt") } catch let error as ZipReadError { #expect(error.key == "zip.crc-mismatch") }
    }

    @Test func notAZipTruncatedAndGarbage() throws {
        #expect(inputError { _ = try ZipArchive(path: TempDir.shared.file("x.asice", Array("hello".utf8))) }?.key == "zip.not-zip")
        let noEnd = Array(repeating: UInt8(0x41), count: 5000)
        #expect(inputError { _ = try ZipArchive(path: TempDir.shared.file("x.asice", noEnd)) }?.key == "zip.not-zip")
        var zip = ZipBuilder()
        zip.add(.init("a.txt", String(repeating: "data ", count: 200)))
        let bytes = zip.build()
        // Cut in the middle of the data: the central directory is gone.
        #expect(inputError { _ = try ZipArchive(path: TempDir.shared.file("cut.asice", Array(bytes.prefix(bytes.count / 2)))) } != nil)
        // Cut inside the central directory: the end record points past the file.
        var cutDirectory = Array(bytes.prefix(bytes.count - 30))
        cutDirectory += Array(bytes.suffix(22))
        #expect(inputError { _ = try ZipArchive(path: TempDir.shared.file("cut2.asice", cutDirectory)) } != nil)
    }

    @Test func trailingDataIsAFindingPrependedDataIsRefused() throws {
        var zip = ZipBuilder()
        zip.add(.init("a.txt", "a"))
        zip.append = Array("junk after the end".utf8)
        #expect(try open(zip).findings.map(\.key) == ["zip.trailing-data"])
        var polyglot = ZipBuilder()
        polyglot.add(.init("a.txt", "a"))
        polyglot.prepend = Array("%PDF-1.7 pretend pdf".utf8)
        #expect(inputError { _ = try open(polyglot) }?.key == "zip.prepended-data")
    }

    @Test func overlappingEntriesAreRefused() throws {
        var zip = ZipBuilder()
        zip.add(.init("a.txt", "same bytes"))
        zip.add(.init("b.txt", "same bytes"))
        zip.offsetOverride = [1: 0]
        #expect(inputError { _ = try open(zip) }?.key != nil)
    }

    @Test func encryptionAndUnknownMethodsAreRefused() throws {
        var zip = ZipBuilder()
        var a = ZipBuilder.Entry("a.txt", "secret")
        a.flags |= 1
        zip.add(a)
        #expect(inputError { _ = try open(zip) }?.key == "zip.encrypted")
        var bzip = ZipBuilder()
        var b = ZipBuilder.Entry("b.txt", "x", method: 0)
        b.method = 12
        b.rawPayload = Array("x".utf8)
        bzip.add(b)
        #expect(inputError { _ = try open(bzip) }?.key == "zip.unsupported-method")
    }

    @Test func bombsAreRefusedByDeclaredSizeAndRatio() throws {
        let zeros = [UInt8](repeating: 0, count: 4 << 20)
        var zip = ZipBuilder()
        zip.add(.init("zeros.bin", zeros))
        #expect(inputError { _ = try open(zip) }?.key == "zip.bomb")
        var limits = ZipLimits.default
        limits.maxRatio = 10_000
        #expect(try open(zip, limits: limits).entries.count == 1)
        limits.maxEntrySize = 1 << 20
        #expect(inputError { _ = try open(zip, limits: limits) }?.key == "zip.bomb")
    }

    @Test func aLyingSizeCannotInflatePastTheDeclaredSize() throws {
        let payload = [UInt8](repeating: 7, count: 200_000)
        var zip = ZipBuilder()
        var a = ZipBuilder.Entry("a.bin", payload)
        a.centralUncompressedSize = 1000
        a.localUncompressedSize = 1000
        zip.add(a)
        var limits = ZipLimits.default
        limits.maxRatio = 1_000_000
        let archive = try open(zip, limits: limits)
        var seen = 0
        do {
            try archive.stream(archive.entries[0], chunkSize: 512) { seen += $0.count }
            Issue.record("expected a size error")
        } catch let error as ZipReadError {
            #expect(error.key == "zip.size-mismatch")
        }
        #expect(seen <= 1000)
    }

    @Test func truncatedDeflateStreamIsReported() throws {
        var zip = ZipBuilder()
        var a = ZipBuilder.Entry("a.txt", "")
        let full = deflate(Array(String(repeating: "abcdefgh", count: 500).utf8))
        a.rawPayload = Array(full.prefix(full.count / 2))
        a.data = Array(String(repeating: "abcdefgh", count: 500).utf8)
        zip.add(a)
        let archive = try open(zip)
        #expect(throws: ZipReadError.self) { _ = try content(archive, "a.txt") }
    }

    /// Bytes between the deflate stream's end marker and the entry's compressed size are data no
    /// reader shows: the entry cannot be read, however intact the stream before them.
    @Test func bytesAfterTheDeflateStreamAreRefused() throws {
        let text = Array(String(repeating: "abcdefgh", count: 500).utf8)
        for trailing in [1, 51, 70_000] {
            var zip = ZipBuilder()
            var a = ZipBuilder.Entry("a.txt", "")
            a.rawPayload = deflate(text) + [UInt8](repeating: 0x41, count: trailing)
            a.data = text
            zip.add(a)
            let archive = try open(zip)
            do {
                _ = try content(archive, "a.txt")
                Issue.record("\(trailing) bytes after the stream were read as the entry")
            } catch let error as ZipReadError {
                #expect(error.key == "zip.deflate.trailing" && error.message.contains("\(trailing) bytes"), "\(error.message)")
            }
        }
        var exact = ZipBuilder()
        var a = ZipBuilder.Entry("a.txt", "")
        a.rawPayload = deflate(text)
        a.data = text
        exact.add(a)
        #expect(try content(try open(exact), "a.txt") == text)
    }

    @Test func cp437NamesAreDecodedForDisplay() throws {
        var zip = ZipBuilder()
        var a = ZipBuilder.Entry("x", "a")
        a.name = [0x8E, 0x2E, 0x74, 0x78, 0x74] // "Ä.txt" in CP437
        a.flags = 0
        zip.add(a)
        #expect(try open(zip).entries[0].name == "Ä.txt")
    }
}
