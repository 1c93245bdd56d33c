import Findings
#if canImport(Glibc)
import Glibc
#endif

/// Expands the command's paths: files as given, folders searched for containers, `-` read from
/// standard input into a private temporary file.
public enum InputPaths {
    /// One input: where to read it, how reports name it, and whether it is a temporary copy.
    public struct Input: Sendable {
        public let path: String
        public let shown: String
        public let temporary: Bool

        /// Removes the temporary copy of standard input.
        public func cleanup() { if temporary { unlink(path) } }
    }

    /// The container extensions a folder is searched for (in any letter case).
    public static let extensions: Set<String> = ["asice", "sce", "bdoc", "edoc", "asics", "scs", "ddoc"]

    /// Files as given, folders searched recursively in name order (symbolic links not followed),
    /// `-` copied from standard input into a private temporary file.
    public static func expand(_ paths: [String], allFiles: Bool = false) throws -> [Input] {
        var skipped: [String] = []
        return try expand(paths, allFiles: allFiles, skipped: &skipped)
    }

    /// The same, with the files a folder search passed over (not a container extension) in `skipped`.
    public static func expand(_ paths: [String], allFiles: Bool, skipped: inout [String]) throws -> [Input] {
        var inputs: [Input] = []
        for path in paths {
            if path == "-" {
                inputs.append(try stdinCopy())
                continue
            }
            var info = stat()
            if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                inputs += walk(path, allFiles: allFiles, skipped: &skipped).map { Input(path: $0, shown: $0, temporary: false) }
            } else {
                inputs.append(Input(path: path, shown: path, temporary: false))
            }
        }
        return inputs
    }

    public static func walk(_ folder: String, allFiles: Bool) -> [String] {
        var skipped: [String] = []
        return walk(folder, allFiles: allFiles, skipped: &skipped)
    }

    static func walk(_ folder: String, allFiles: Bool, skipped: inout [String]) -> [String] {
        guard let dir = opendir(folder) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            names.append(name)
        }
        var found: [String] = []
        for name in names.sorted() {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: found += walk(path, allFiles: allFiles, skipped: &skipped)
            case S_IFREG:
                if allFiles || extensions.contains(extensionOf(name)) { found.append(path) } else { skipped.append(path) }
            default: continue // symbolic links are not followed
            }
        }
        return found
    }

    /// True when `path` names a folder.
    public static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The lower-cased extension of a file name ("" when it has none).
    public static func extensionOf(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    /// "16 files skipped (13 .xml, 3 .ddoc); --all-files takes them", nil when none were.
    public static func skippedLine(_ skipped: [String]) -> String? {
        guard !skipped.isEmpty else { return nil }
        var counts: [String: Int] = [:]
        for path in skipped {
            let ext = extensionOf(String(path.split(separator: "/").last ?? ""))
            counts[ext.isEmpty ? "no extension" : "." + ext, default: 0] += 1
        }
        let kinds = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(8).map { "\($0.value) \($0.key)" }
        return "\(skipped.count) file\(skipped.count == 1 ? "" : "s") skipped (\(kinds.joined(separator: ", "))\(counts.count > 8 ? ", …" : "")); --all-files takes them"
    }

    private static func stdinCopy() throws -> Input {
        let folder = TemporaryFolder.path
        var template = Array((folder + "/asic-stdin-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw InputError(key: "io.stdin", message: "cannot buffer standard input") }
        defer { close(fd) }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress!, $0.count) }
            if n < 0 { if errno == EINTR { continue }; unlink(path); throw InputError(key: "io.stdin", message: "cannot read standard input") }
            if n == 0 { break }
            var done = 0
            while done < n {
                let w = buffer.withUnsafeBytes { write(fd, $0.baseAddress! + done, n - done) }
                if w < 0 { unlink(path); throw InputError(key: "io.stdin", message: "cannot buffer standard input") }
                done += w
            }
        }
        return Input(path: path, shown: "-", temporary: true)
    }
}
