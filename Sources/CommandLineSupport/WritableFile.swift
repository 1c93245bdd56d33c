#if canImport(Glibc)
import Glibc
#endif

/// A file descriptor written in whole buffers, owned here: closed in `deinit` unless it is
/// standard output. Failures carry the system's words (`No space left on device`).
package final class WritableFile {
    private var fd: Int32
    private let owned: Bool

    package static var standardOutput: WritableFile { WritableFile(fd: 1, owned: false) }

    private init(fd: Int32, owned: Bool) {
        self.fd = fd
        self.owned = owned
    }

    /// Creates `path`, which must not exist yet (`O_EXCL`), readable and writable with `mode`.
    package init(creating path: String, mode: mode_t) throws(WriteFailure) {
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw WriteFailure.fromErrno() }
        owned = true
    }

    deinit { if owned && fd >= 0 { Glibc.close(fd) } }

    package func write(_ bytes: [UInt8]) throws(WriteFailure) {
        guard fd >= 0 else { throw WriteFailure(reason: "the file is closed") }
        guard writeAll(fd, bytes) else { throw WriteFailure.fromErrno() }
    }

    /// Waits until what was written is on disk (a file the system could not write out whole must
    /// not be renamed into place).
    package func synchronize() throws(WriteFailure) {
        guard owned, fd >= 0 else { return }
        guard fsync(fd) == 0 else { throw WriteFailure.fromErrno() }
    }

    package func close() throws(WriteFailure) {
        guard owned, fd >= 0 else { return }
        let status = Glibc.close(fd)
        fd = -1
        guard status == 0 else { throw WriteFailure.fromErrno() }
    }
}

/// Why a write failed, in the system's words.
package struct WriteFailure: Error {
    package let reason: String

    package init(reason: String) { self.reason = reason }

    package static func fromErrno() -> WriteFailure { WriteFailure(reason: String(cString: strerror(errno))) }
}
