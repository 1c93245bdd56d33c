#if canImport(Glibc)
import Glibc
#endif

/// Reads a file a line at a time, however long the lines (JSON Lines reports, rows of a batch),
/// without holding more than the current line.
public final class LineReader {
    private let file: UnsafeMutablePointer<FILE>

    /// Opens `path` ("-" for standard input); nil when it cannot be opened (errno says why).
    public init?(path: String) {
        if path == "-" {
            // A duplicate, so that closing this reader leaves standard input open.
            let fd = dup(0)
            guard fd >= 0, let file = fdopen(fd, "r") else {
                if fd >= 0 { close(fd) }
                return nil
            }
            self.file = file
        } else {
            guard let file = fopen(path, "r") else { return nil }
            self.file = file
        }
    }

    deinit { fclose(file) }

    /// The next line with its newline, if it had one; nil at the end or on a read error (`failed`
    /// tells which).
    public func next() -> String? {
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        let length = getline(&line, &capacity, file)
        guard length > 0, let line else { return nil }
        // By length, not up to a NUL: a stray NUL byte must not cut the line short unseen.
        return line.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    /// Whether reading stopped on an error rather than at the end of the file.
    public var failed: Bool { ferror(file) != 0 }
}
