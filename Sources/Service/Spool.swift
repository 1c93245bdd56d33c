import Findings
import PKI
#if canImport(Glibc)
import Glibc
#endif

/// An upload written to a private temporary file as it arrives (never held whole in memory); the
/// file is removed by `remove()` or, at the latest, when the spool goes.
final class Spool: @unchecked Sendable {
    let path: String
    private var descriptor: Int32
    private(set) var size = 0
    private let removed = Locked(false)

    /// A new empty file `upload-XXXXXX[.ext]` in `folder`, readable by this user only. The
    /// extension of the client's file name is kept (letters and digits only): container rules
    /// read it (a `.bdoc` needs its mimetype), so the service judges what the command line would.
    init(folder: String, name: String = "") throws(InputError) {
        let suffix = Self.suffix(of: name)
        var template = Array((folder + "/upload-XXXXXX" + suffix).utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, Int32(suffix.utf8.count)) }
        guard descriptor >= 0 else {
            throw InputError(key: "service.spool", message: "cannot create a temporary file in \(folder): " + String(cString: strerror(errno)))
        }
        self.descriptor = descriptor
        path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// `.ext` of `name` when it is 1–10 ASCII letters and digits, else nothing.
    static func suffix(of name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        let ext = name[name.index(after: dot)...]
        guard (1...10).contains(ext.count), ext.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }) else { return "" }
        return "." + ext
    }

    /// Appends `bytes` to the file.
    func write(_ bytes: UnsafeRawBufferPointer) throws(InputError) {
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

    /// Closes the file for writing.
    func finish() {
        if descriptor >= 0 { close(descriptor); descriptor = -1 }
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
