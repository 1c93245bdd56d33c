@testable import ASiC
import Foundation
import TestSupport
import Testing

/// The writer's deflate path (heap z_stream, checked status) round-trips sizes around its
/// 64 KiB buffers, empty and incompressible data, through our own strict reader.
@Suite("Zip writer")
struct ZipWriterTests {
    @Test(arguments: [0, 1, 65_535, 65_536, 65_537, 1 << 20])
    func deflatedEntriesRoundTrip(size: Int) throws {
        let random = randomBytes(size)
        let zeros = [UInt8](repeating: 0, count: size * 3)
        let dir = try scratchFolder()
        let writer = try ZipWriter(path: dir + "/w.zip")
        try writer.add("mimetype", Array("application/vnd.etsi.asic-e+zip".utf8), deflate: false)
        try writer.add("random.bin", random)
        try writer.add("zeros.bin", zeros)
        try writer.add("stored.bin", random, deflate: false)
        try writer.finish()
        var limits = ZipLimits.default
        limits.maxRatio = 10_000
        let archive = try ZipArchive(path: dir + "/w.zip", limits: limits)
        #expect(try archive.contents(of: try #require(archive.entry(named: "random.bin"))) == random)
        #expect(try archive.contents(of: try #require(archive.entry(named: "zeros.bin"))) == zeros)
        #expect(try archive.contents(of: try #require(archive.entry(named: "stored.bin"))) == random)
    }
}
