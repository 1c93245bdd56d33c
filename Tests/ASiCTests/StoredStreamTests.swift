@testable import ASiC
import Findings
import Testing

/// Large stored entries are read with the CRC-32 on a second thread: the bytes, their order and
/// the CRC verdict are the same as reading on one.
@Suite("Large stored entries")
struct StoredStreamTests {
    static let size = Int(ZipArchive.parallelCRCThreshold) + 3 * (1 << 20) + 12_345

    static func data() -> [UInt8] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<size).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    @Test func streamsBackEveryByteInOrder() throws {
        let data = Self.data()
        var zip = ZipBuilder()
        zip.add(.init("big.bin", data, method: 0))
        let archive = try ZipArchive(path: zip.write())
        let entry = try #require(archive.entry(named: "big.bin"))
        var read: [UInt8] = []
        read.reserveCapacity(data.count)
        try archive.stream(entry) { read.append(contentsOf: $0) }
        #expect(read == data)
    }

    @Test func aChangedByteFailsTheCRC() throws {
        var data = Self.data()
        var zip = ZipBuilder()
        var entry = ZipBuilder.Entry("big.bin", data, method: 0)
        // The CRC of the original, the bytes of a copy changed in its tenth megabyte.
        data[9 << 20] ^= 0x40
        entry.centralCRC = crc32Of(entry.data)
        entry.localCRC = entry.centralCRC
        entry.data = data
        zip.add(entry)
        let archive = try ZipArchive(path: zip.write())
        let stored = try #require(archive.entry(named: "big.bin"))
        do {
            try archive.stream(stored) { _ in }
            Issue.record("a changed stored byte passed the CRC")
        } catch let error as ZipReadError {
            #expect(error.key == "zip.crc-mismatch")
        }
    }

    @Test func aSinkErrorStopsTheReadCleanly() throws {
        var zip = ZipBuilder()
        zip.add(.init("big.bin", Self.data(), method: 0))
        let archive = try ZipArchive(path: zip.write())
        let stored = try #require(archive.entry(named: "big.bin"))
        struct Stop: Error {}
        var calls = 0
        #expect(throws: Stop.self) {
            try archive.stream(stored) { _ in
                calls += 1
                if calls == 4 { throw Stop() }
            }
        }
        #expect(calls == 4)
    }
}
