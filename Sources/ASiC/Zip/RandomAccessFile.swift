#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Findings

/// A read-only file read by offset (`pread`), so entries can be streamed in any order without
/// loading the file. Owns its descriptor. A file of at most ``wholeFileLimit`` bytes is read once,
/// when opened, and served from memory: a container's directory, headers and entries took 17
/// reads, each a system call.
public final class RandomAccessFile: @unchecked Sendable {
    /// The largest file read whole when opened.
    public static let wholeFileLimit: UInt64 = 1 << 20

    private let fd: Int32
    /// The whole file, when it is small; what a read at open time found (shorter when the file
    /// shrank meanwhile: reads past it are short, as at the end of the file).
    private let whole: [UInt8]?
    /// Size in bytes at open time.
    public let size: UInt64
    /// The path as given.
    public let path: String

    /// Opens a regular file for reading. Throws ``InputError`` with key `io.*`.
    public init(path: String) throws {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw InputError(key: errno == ENOENT ? "io.not-found" : "io.open", message: "cannot open: \(reason)")
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            close(descriptor)
            throw InputError(key: "io.stat", message: "cannot stat: \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            let what = (info.st_mode & S_IFMT) == S_IFDIR ? "is a directory" : "is not a regular file"
            throw InputError(key: "io.not-a-file", message: what)
        }
        let size = UInt64(info.st_size)
        var whole: [UInt8]?
        if size <= Self.wholeFileLimit {
            var bytes = [UInt8](repeating: 0, count: Int(size))
            do {
                let n = try bytes.withUnsafeMutableBytes { try Self.read(descriptor, at: 0, into: $0) }
                whole = n == bytes.count ? bytes : Array(bytes.prefix(n))
            } catch {
                close(descriptor)
                throw error
            }
        }
        fd = descriptor
        self.size = size
        self.whole = whole
    }

    deinit {
        close(fd)
    }

    /// The bytes held in memory (nil for a large file); for tests.
    var wholeBytes: [UInt8]? { whole }

    /// Fills `buffer` from `offset`; returns the number of bytes read (short only at end of file).
    public func read(at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if let whole {
            guard offset < UInt64(whole.count), buffer.count > 0 else { return 0 }
            let count = min(buffer.count, whole.count - Int(offset))
            whole.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + Int(offset), byteCount: count) }
            return count
        }
        return try Self.read(fd, at: offset, into: buffer)
    }

    /// `pread` until `buffer` is full or the file ends.
    private static func read(_ fd: Int32, at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError(key: "io.read", message: "read error: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    /// Reads exactly `count` bytes at `offset`, or throws when the file is shorter.
    public func read(at offset: UInt64, count: Int) throws -> [UInt8] {
        guard count > 0 else { return [] }
        guard offset <= size, UInt64(count) <= size - offset else {
            throw InputError(key: "zip.truncated", message: "file is truncated (needs \(count) bytes at offset \(offset), file has \(size))")
        }
        var bytes = [UInt8](repeating: 0, count: count)
        let n = try bytes.withUnsafeMutableBytes { try read(at: offset, into: $0) }
        guard n == count else {
            throw InputError(key: "zip.truncated", message: "file is truncated at offset \(offset + UInt64(n))")
        }
        return bytes
    }
}
