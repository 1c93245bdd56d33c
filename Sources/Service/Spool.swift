import Findings
import PKI
#if canImport(Glibc)
import Glibc
#endif

/// An upload written to a private temporary file as it arrives (never held whole in memory),
/// hashed on the way; the file is removed by `remove()` or, at the latest, when the spool goes.
final class Spool: @unchecked Sendable {
    let path: String
    private var descriptor: Int32
    private let digest = Digest(.sha256)
    private(set) var size = 0
    private let removed = Locked(false)

    /// A new empty file `upload-XXXXXX` in `folder`, readable by this user only.
    init(folder: String) throws(InputError) {
        var template = Array((folder + "/upload-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw InputError(key: "service.spool", message: "cannot create a temporary file in \(folder): " + String(cString: strerror(errno)))
        }
        self.descriptor = descriptor
        path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// Appends `bytes` to the file.
    func write(_ bytes: UnsafeRawBufferPointer) throws(InputError) {
        digest.update(bytes)
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw InputError(key: "service.spool", message: "cannot write the upload: " + String(cString: strerror(errno)))
            }
            offset += written
        }
        size += bytes.count
    }

    /// Closes the file for writing and returns the SHA-256 of what was written.
    func finish() -> [UInt8] {
        if descriptor >= 0 { close(descriptor); descriptor = -1 }
        return digest.finalize()
    }

    /// Deletes the file (once).
    func remove() {
        let first = removed.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        if descriptor >= 0 { close(descriptor); descriptor = -1 }
        unlink(path)
    }

    deinit { remove() }
}
