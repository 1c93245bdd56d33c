#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Findings
import Reports

/// Output helpers: one-line errors on stderr, colour only at a TTY without NO_COLOR,
/// and output files written atomically so no partial report is ever left behind.
package enum Console {
    package static func error(_ file: String, _ message: String) {
        _ = writeAll(2, Array("asic: \(file.terminalSafe): \(message.terminalSafe)\n".utf8))
    }

    /// A problem that does not stop the command, in the same one-line form.
    package static func warning(_ file: String, _ message: String) {
        _ = writeAll(2, Array("asic: \(file.terminalSafe): warning: \(message.terminalSafe)\n".utf8))
    }

    package static func style(noColor: Bool) -> TextStyle {
        let env = getenv("NO_COLOR").map { String(cString: $0) } ?? ""
        return !noColor && env.isEmpty && isatty(1) == 1 ? .color : .plain
    }

    package static func print(_ text: String) {
        _ = writeAll(1, Array(text.utf8))
    }

    /// Text for standard error (a summary, a progress bar). A write that fails (a full disk, a
    /// file over its size limit) is passed over: Foundation's `FileHandle.write(_:)` would stop
    /// the process with a trap instead.
    package static func printToStandardError(_ text: String) {
        _ = writeAll(2, Array(text.utf8))
    }

    /// Writes `text` to `path` through a temporary file in the same folder and a rename.
    package static func write(_ text: String, to path: String) throws(OutputError) {
        let temporary = path + ".tmp-\(getpid())"
        let file: WritableFile
        do { file = try WritableFile(creating: temporary, mode: 0o644) } catch { throw OutputError(path: path, reason: error.reason) }
        do throws(WriteFailure) {
            try file.write(Array(text.utf8))
            try file.synchronize()
            try file.close()
            guard rename(temporary, path) == 0 else { throw WriteFailure.fromErrno() }
        } catch {
            unlink(temporary)
            throw OutputError(path: path, reason: error.reason)
        }
    }
}

/// Writes every byte, retrying short writes; false on error (errno says why).
package func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    var done = 0
    while done < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, bytes.count - done) }
        if n < 0 {
            if errno == EINTR { continue }
            return false
        }
        done += n
    }
    return true
}

package struct OutputError: Error {
    package let path: String
    package let reason: String

    package init(path: String, reason: String) { (self.path, self.reason) = (path, reason) }
}
