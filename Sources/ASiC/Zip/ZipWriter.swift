internal import CZlib
import Findings
#if canImport(Glibc)
import Glibc
#endif

/// Writes a ZIP file for signature containers: entries stored or deflated (streamed from disk
/// or memory, CRC-32 computed on the way, sizes patched into the local header afterwards), or
/// copied raw from another archive. No data descriptors, no extra fields, no ZIP64 (containers
/// over 4 GiB are refused), UTF-8 names flagged. The file appears only when `finish` succeeds.
public final class ZipWriter {
    private struct Written {
        let name: [UInt8]
        let method: UInt16
        let crc: UInt32
        let compressed: UInt64
        let uncompressed: UInt64
        let offset: UInt64
    }

    private let path: String
    private let temporary: String
    private let fd: Int32
    private var offset: UInt64 = 0
    private var written: [Written] = []
    private let slot: Int?

    /// Writes to a temporary file beside `path`, renamed over it by `finish()`. An existing file
    /// keeps its permissions (and its owner, where allowed), and a symbolic link keeps pointing to
    /// the file it names, which is the one replaced.
    public init(path: String) throws {
        let target = Self.resolved(path)
        self.path = target
        temporary = target + ".tmp-\(getpid())"
        fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw InputError(key: "zip.write", message: "cannot create \(path): \(String(cString: strerror(errno)))") }
        slot = TemporaryFiles.register(temporary)
        var existing = stat()
        if stat(target, &existing) == 0 {
            _ = fchown(fd, existing.st_uid, existing.st_gid)
            _ = fchmod(fd, existing.st_mode & 0o7777)
        }
    }

    /// `path` with symbolic links resolved when it exists, else as given.
    public static func resolved(_ path: String) -> String {
        guard let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }

    deinit {
        close(fd)
        unlink(temporary)
        TemporaryFiles.forget(slot)
    }

    /// Adds an entry from bytes in memory.
    public func add(_ name: String, _ bytes: [UInt8], deflate: Bool = true) throws {
        var index = 0
        try add(name, deflate: deflate) { buffer in
            let count = min(buffer.count, bytes.count - index)
            // The source pointer is used only inside the closure that lends it.
            if count > 0 {
                bytes.withUnsafeBytes { source in buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[index..<(index + count)])) }
            }
            index += count
            return count
        }
    }

    /// Adds an entry whose content is read from a file, in chunks.
    public func add(_ name: String, file: String, deflate: Bool = true) throws {
        let source = try RandomAccessFile(path: file)
        var position: UInt64 = 0
        try add(name, deflate: deflate) { buffer in
            let count = try source.read(at: position, into: buffer)
            position += UInt64(count)
            return count
        }
    }

    /// Copies an entry of another archive without inflating it.
    public func copy(_ entry: ZipEntry, from archive: ZipArchive) throws {
        let header = localHeader(entry.rawName, method: entry.method, crc: entry.crc32, compressed: entry.compressedSize,
                                 uncompressed: entry.uncompressedSize)
        let start = offset
        try write(header)
        var position = entry.dataOffset
        var remaining = entry.compressedSize
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while remaining > 0 {
            let want = Int(min(UInt64(buffer.count), remaining))
            let got = try buffer.withUnsafeMutableBytes { try archive.file.read(at: position, into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<want])) }
            guard got == want else { throw InputError(key: "zip.truncated", message: "\(entry.name) is truncated") }
            try write(Array(buffer[0..<got]))
            position += UInt64(got)
            remaining -= UInt64(got)
        }
        written.append(Written(name: entry.rawName, method: entry.method, crc: entry.crc32, compressed: entry.compressedSize,
                               uncompressed: entry.uncompressedSize, offset: start))
    }

    private func add(_ name: String, deflate: Bool, read: (UnsafeMutableRawBufferPointer) throws -> Int) throws {
        let rawName = Array(name.utf8)
        let start = offset
        try write(localHeader(rawName, method: deflate ? 8 : 0, crc: 0, compressed: 0, uncompressed: 0))
        let dataStart = offset
        var crc: uLong = crc32(0, nil, 0)
        var total: UInt64 = 0
        let input = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { input.deallocate() }
        if deflate {
            // zlib keeps a back-pointer to its z_stream: it must not move between calls, so it
            // lives on the heap (as in the Inflater), never as an inout copy of a local.
            let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            stream.initialize(to: z_stream())
            defer { stream.deinitialize(count: 1); stream.deallocate() }
            guard czlib_deflateInit2(stream, 6, -15) == Z_OK else { throw InputError(key: "zip.write", message: "cannot initialise zlib") }
            defer { deflateEnd(stream) }
            var output = [UInt8](repeating: 0, count: 1 << 16)
            var finished = false
            while !finished {
                let count = try read(input)
                crc = crc32(crc, input.baseAddress?.assumingMemoryBound(to: Bytef.self), uInt(count))
                total += UInt64(count)
                stream.pointee.next_in = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_in = uInt(count)
                let flush = count == 0 ? Z_FINISH : Z_NO_FLUSH
                repeat {
                    var status: Int32 = Z_OK
                    let produced: Int = output.withUnsafeMutableBufferPointer { out in
                        stream.pointee.next_out = out.baseAddress
                        stream.pointee.avail_out = uInt(out.count)
                        status = CZlib.deflate(stream, flush)
                        return out.count - Int(stream.pointee.avail_out)
                    }
                    // Z_BUF_ERROR only means "no progress possible now"; anything else is a failure,
                    // which must end the loop rather than spin on Z_FINISH.
                    guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                        throw InputError(key: "zip.write", message: "zlib failed to deflate \(name) (status \(status))")
                    }
                    if status == Z_STREAM_END { finished = true }
                    try write(Array(output[0..<produced]))
                    if status == Z_BUF_ERROR && produced == 0 && flush == Z_FINISH && !finished {
                        throw InputError(key: "zip.write", message: "zlib could not finish \(name)")
                    }
                } while stream.pointee.avail_out == 0 || (flush == Z_FINISH && !finished)
            }
        } else {
            while true {
                let count = try read(input)
                if count == 0 { break }
                crc = crc32(crc, input.baseAddress?.assumingMemoryBound(to: Bytef.self), uInt(count))
                total += UInt64(count)
                try write(Array(UnsafeRawBufferPointer(rebasing: input[0..<count])))
            }
        }
        let compressed = offset - dataStart
        guard compressed < 0xFFFF_FFFF, total < 0xFFFF_FFFF, offset < 0xFFFF_FFFF else {
            throw InputError(key: "zip.write.too-large", message: "\(name) is too large for a container without ZIP64")
        }
        // Patch CRC and sizes into the local header.
        var patch = le32(UInt32(truncatingIfNeeded: crc)) + le32(UInt32(compressed)) + le32(UInt32(total))
        guard pwrite(fd, &patch, patch.count, off_t(start + 14)) == patch.count else {
            throw InputError(key: "zip.write", message: "cannot write \(path)")
        }
        written.append(Written(name: rawName, method: deflate ? 8 : 0, crc: UInt32(truncatingIfNeeded: crc), compressed: compressed,
                               uncompressed: total, offset: start))
    }

    /// Writes the central directory and renames the file into place.
    public func finish(comment: String = "") throws {
        let directoryStart = offset
        for entry in written {
            var header = le32(0x0201_4B50) + le16(0x031E) + le16(20) + le16(0x0800) + le16(entry.method) + le16(0) + le16(0x21)
            header += le32(entry.crc) + le32(UInt32(entry.compressed)) + le32(UInt32(entry.uncompressed))
            header += le16(UInt16(entry.name.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(UInt32(0o100644) << 16)
            header += le32(UInt32(entry.offset)) + entry.name
            try write(header)
        }
        let size = offset - directoryStart
        let commentBytes = Array(comment.utf8.prefix(0xFFFF))
        try write(le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(written.count)) + le16(UInt16(written.count))
                  + le32(UInt32(size)) + le32(UInt32(directoryStart)) + le16(UInt16(commentBytes.count)) + commentBytes)
        guard fsync(fd) == 0, rename(temporary, path) == 0 else {
            throw InputError(key: "zip.write", message: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    private func localHeader(_ name: [UInt8], method: UInt16, crc: UInt32, compressed: UInt64, uncompressed: UInt64) -> [UInt8] {
        le32(0x0403_4B50) + le16(20) + le16(0x0800) + le16(method) + le16(0) + le16(0x21)
            + le32(crc) + le32(UInt32(compressed)) + le32(UInt32(uncompressed)) + le16(UInt16(name.count)) + le16(0) + name
    }

    private func write(_ bytes: [UInt8]) throws {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError(key: "zip.write", message: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            done += n
        }
        offset += UInt64(bytes.count)
    }

    private func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    private func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
}
