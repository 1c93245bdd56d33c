@testable import ASiC
import Findings
import Glibc
import TestSupport
import Testing

/// A small file is read once when opened and served from memory; a larger one by `pread`. Both
/// give the same bytes for every offset and length, short reads only at the end, and a file that
/// changes after it was opened cannot make the small one read differently within a container.
@Suite("Random-access files")
struct RandomAccessFileTests {
    static func compare(size: Int) throws -> Bool {
        let dir = try scratchFolder()
        let bytes = randomBytes(size)
        try write(bytes, to: dir + "/file")
        let file = try RandomAccessFile(path: dir + "/file")
        for _ in 0..<200 {
            let offset = Int.random(in: 0...size + 10), length = Int.random(in: 0...4096)
            var buffer = [UInt8](repeating: 0xAA, count: length)
            let n = try buffer.withUnsafeMutableBytes { try file.read(at: UInt64(offset), into: $0) }
            let expected = offset >= size ? [] : Array(bytes[offset..<min(size, offset + length)])
            #expect(n == expected.count && Array(buffer.prefix(n)) == expected, "size \(size), \(length) at \(offset)")
        }
        #expect(try file.read(at: 0, count: size) == bytes)
        #expect(throws: InputError.self) { try file.read(at: UInt64(size) - 1, count: 2) }
        return file.wholeBytes != nil
    }

    @Test func smallFilesComeFromMemoryAndLargeOnesFromTheDisk() throws {
        #expect(try Self.compare(size: 5_000))
        #expect(try Self.compare(size: Int(RandomAccessFile.wholeFileLimit)))
        #expect(try !Self.compare(size: Int(RandomAccessFile.wholeFileLimit) + 1))
    }

    @Test func aSmallFileIsReadAsItWasWhenOpened() throws {
        let dir = try scratchFolder()
        try write([UInt8](repeating: 1, count: 1_000), to: dir + "/file")
        let file = try RandomAccessFile(path: dir + "/file")
        // Rewritten in place (the same inode, as an editor or a copy over it would).
        let fd = open(dir + "/file", O_WRONLY | O_TRUNC)
        #expect(fd >= 0)
        let changed = [UInt8](repeating: 2, count: 1_000)
        #expect(changed.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) } == 1_000)
        close(fd)
        #expect(try file.read(at: 0, count: 1_000) == [UInt8](repeating: 1, count: 1_000))
    }
}
