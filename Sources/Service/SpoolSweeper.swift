#if canImport(Glibc)
import Glibc
#endif

/// Spool folders (`asic-serve-PID-XXXXXX`) that a killed service left behind: removed at the
/// next start, but only when their process is gone — instances sharing one temporary folder
/// never touch each other's uploads.
enum SpoolSweeper {
    static func sweep(_ folder: String) {
        for name in names(in: folder) {
            guard let pid = owner(name), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            let path = folder + "/" + name
            // Only the service's own files are ever in it.
            for file in names(in: path) where file.hasPrefix("upload-") { unlink(path + "/" + file) }
            rmdir(path)
        }
    }

    /// The process id in `asic-serve-PID-XXXXXX`, or nil for any other name.
    static func owner(_ name: String) -> pid_t? {
        let parts = name.split(separator: "-")
        guard parts.count == 4, parts[0] == "asic", parts[1] == "serve", parts[3].count == 6, let pid = pid_t(parts[2]), pid > 0 else { return nil }
        return pid
    }

    /// The entry names of a folder (none when it cannot be read).
    private static func names(in folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
