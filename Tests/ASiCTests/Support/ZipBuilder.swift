import CZlib
import Foundation

/// Builds zip archives byte by byte so tests can produce exactly the defects a hostile or
/// sloppy signer would: lying local headers, data descriptors, ZIP64 records, overlaps, bombs.
struct ZipBuilder {
    struct Entry {
        var name: [UInt8]
        var data: [UInt8]
        var method: UInt16 = 8
        var flags: UInt16 = 0x0800
        var dataDescriptor = false
        var descriptorSignature = true
        /// Overrides for what the local header says (nil = same as central).
        var localName: [UInt8]?
        var localMethod: UInt16?
        var localCRC: UInt32?
        var localUncompressedSize: UInt32?
        var localExtra: [UInt8] = []
        /// Extra fields appended in the central directory entry (after any ZIP64 field).
        var centralExtra: [UInt8] = []
        var centralCRC: UInt32?
        var centralUncompressedSize: UInt64?
        var descriptorCRC: UInt32?
        var externalAttributes: UInt32 = 0
        var versionMadeBy: UInt16 = 20
        /// Raw compressed payload to store instead of compressing `data`.
        var rawPayload: [UInt8]?

        init(_ name: String, _ data: [UInt8], method: UInt16 = 8) {
            self.name = Array(name.utf8)
            self.data = data
            self.method = method
        }

        init(_ name: String, _ text: String, method: UInt16 = 8) {
            self.init(name, Array(text.utf8), method: method)
        }
    }

    var entries: [Entry] = []
    var comment: [UInt8] = []
    var zip64 = false
    var prepend: [UInt8] = []
    var append: [UInt8] = []
    /// Point entry `index`'s central header at another entry's local header (overlap).
    var offsetOverride: [Int: Int] = [:]

    mutating func add(_ entry: Entry) { entries.append(entry) }

    func build() -> [UInt8] {
        var out = prepend
        var offsets: [UInt64] = []
        var payloads: [[UInt8]] = []
        for entry in entries {
            offsets.append(UInt64(out.count))
            let payload = entry.rawPayload ?? (entry.method == 8 ? deflate(entry.data) : entry.data)
            payloads.append(payload)
            let crc = crc32Of(entry.data)
            var flags = entry.flags
            if entry.dataDescriptor { flags |= 0x0008 }
            out += le32(0x0403_4B50)
            out += le16(zip64 ? 45 : 20)
            out += le16(flags)
            out += le16(entry.localMethod ?? entry.method)
            out += le16(0) + le16(0x21)
            var extra = entry.localExtra
            if entry.dataDescriptor {
                out += le32(0) + le32(0) + le32(0)
            } else if zip64 {
                out += le32(entry.localCRC ?? crc) + le32(0xFFFF_FFFF) + le32(0xFFFF_FFFF)
                extra = le16(1) + le16(16) + le64(UInt64(entry.data.count)) + le64(UInt64(payload.count)) + extra
            } else {
                out += le32(entry.localCRC ?? crc) + le32(UInt32(payload.count))
                out += le32(entry.localUncompressedSize ?? UInt32(entry.data.count))
            }
            let name = entry.localName ?? entry.name
            out += le16(UInt16(name.count)) + le16(UInt16(extra.count))
            out += name + extra + payload
            if entry.dataDescriptor {
                if entry.descriptorSignature { out += le32(0x0807_4B50) }
                out += le32(entry.descriptorCRC ?? crc) + le32(UInt32(payload.count)) + le32(UInt32(entry.data.count))
            }
        }
        let directoryStart = UInt64(out.count)
        for (index, entry) in entries.enumerated() {
            let payload = payloads[index]
            var flags = entry.flags
            if entry.dataDescriptor { flags |= 0x0008 }
            let offset = offsetOverride[index].map { offsets[$0] } ?? offsets[index]
            var extra: [UInt8] = []
            out += le32(0x0201_4B50)
            out += le16(entry.versionMadeBy) + le16(zip64 ? 45 : 20)
            out += le16(flags) + le16(entry.method) + le16(0) + le16(0x21)
            out += le32(entry.centralCRC ?? crc32Of(entry.data))
            let uncompressed = entry.centralUncompressedSize ?? UInt64(entry.data.count)
            if zip64 {
                out += le32(0xFFFF_FFFF) + le32(0xFFFF_FFFF)
                extra = le16(1) + le16(24) + le64(uncompressed) + le64(UInt64(payload.count)) + le64(offset)
            } else {
                out += le32(UInt32(payload.count)) + le32(UInt32(uncompressed))
            }
            extra += entry.centralExtra
            out += le16(UInt16(entry.name.count)) + le16(UInt16(extra.count)) + le16(0)
            out += le16(0) + le16(0) + le32(entry.externalAttributes)
            out += le32(zip64 ? 0xFFFF_FFFF : UInt32(offset))
            out += entry.name + extra
        }
        let directorySize = UInt64(out.count) - directoryStart
        if zip64 {
            let record = UInt64(out.count)
            out += le32(0x0606_4B50) + le64(44) + le16(45) + le16(45) + le32(0) + le32(0)
            out += le64(UInt64(entries.count)) + le64(UInt64(entries.count)) + le64(directorySize) + le64(directoryStart)
            out += le32(0x0706_4B50) + le32(0) + le64(record) + le32(1)
            out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(0xFFFF) + le16(0xFFFF)
            out += le32(0xFFFF_FFFF) + le32(0xFFFF_FFFF)
        } else {
            out += le32(0x0605_4B50) + le16(0) + le16(0)
            out += le16(UInt16(entries.count)) + le16(UInt16(entries.count))
            out += le32(UInt32(directorySize)) + le32(UInt32(directoryStart))
        }
        out += le16(UInt16(comment.count)) + comment
        return out + append
    }

    /// Writes the archive to a fresh temporary file and returns its path.
    func write(named name: String = "test.asice") throws -> String {
        try TempDir.shared.file(name, build())
    }
}

func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
func le64(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8((v >> (8 * UInt64($0))) & 0xFF) } }

func crc32Of(_ data: [UInt8]) -> UInt32 {
    data.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
}

/// Raw deflate (no zlib header), as zip method 8 stores it.
func deflate(_ data: [UInt8], level: Int32 = 6) -> [UInt8] {
    var stream = z_stream()
    precondition(czlib_deflateInit2(&stream, level, -15) == Z_OK)
    defer { deflateEnd(&stream) }
    var input = data
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(data.count))) + 64)
    let produced: Int = input.withUnsafeMutableBufferPointer { inBuf in
        output.withUnsafeMutableBufferPointer { outBuf in
            stream.next_in = inBuf.baseAddress
            stream.avail_in = uInt(inBuf.count)
            stream.next_out = outBuf.baseAddress
            stream.avail_out = uInt(outBuf.count)
            precondition(CZlib.deflate(&stream, Z_FINISH) == Z_STREAM_END)
            return outBuf.count - Int(stream.avail_out)
        }
    }
    return Array(output.prefix(produced))
}

/// One temporary folder per test process, removed at exit.
final class TempDir: @unchecked Sendable {
    static let shared = TempDir()
    let path: String
    private let lock = NSLock()
    private var counter = 0

    private init() {
        path = NSTemporaryDirectory() + "asic-tests-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// A fresh subfolder.
    func folder() throws -> String {
        let dir = path + "/d\(next())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = try folder() + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    private func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        counter += 1
        return counter
    }
}
