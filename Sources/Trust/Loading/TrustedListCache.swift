import Findings
import Net
import PKI
#if canImport(Glibc)
import Glibc
#endif

/// The on-disk cache of fetched lists: one file per URL (named by the URL's SHA-256) with a
/// sidecar holding its validators (ETag, Last-Modified) and a digest of the body. Writes go to
/// a temporary file and are renamed into place, so two processes sharing the cache never see a
/// half-written list; a body whose digest does not match its sidecar is treated as absent.
public struct TrustedListCache: Sendable {
    public let directory: String

    /// `--cache-dir`, else `$XDG_CACHE_HOME/asic/tsl`, else `~/.cache/asic/tsl`; without a home, a
    /// folder of this user's in `/tmp` (never one shared by every user, which anyone could fill).
    public static func defaultDirectory() -> String {
        if let xdg = environment("XDG_CACHE_HOME"), !xdg.isEmpty { return xdg + "/asic/tsl" }
        if let home = environment("HOME"), !home.isEmpty { return home + "/.cache/asic/tsl" }
        return "/tmp/asic-\(getuid())/tsl"
    }

    public init(directory: String) {
        self.directory = directory
    }

    public struct Entry: Sendable {
        public let body: [UInt8]
        public let etag: String?
        public let lastModified: String?
    }

    private func base(_ url: String) -> String { directory + "/" + Digest.hash(Array(url.utf8), .sha256).hexString.prefix(32) }

    /// The cached body for `url`, nil when absent or corrupt (truncated, edited, half-written).
    public func load(_ url: String) -> Entry? {
        guard let fields = sidecar(url), let body = readFile(base(url) + ".xml"),
              fields["sha256"] == Digest.hash(body, .sha256).hexString else { return nil }
        return Entry(body: body, etag: fields["etag"], lastModified: fields["last-modified"])
    }

    /// Stores a fetched body atomically (body first, then the sidecar that vouches for it).
    public func store(_ url: String, body: [UInt8], etag: String?, lastModified: String?) throws {
        try makeDirectories(directory)
        var meta = "url \(url)\nsha256 \(Digest.hash(body, .sha256).hexString)\n"
        if let etag { meta += "etag \(etag)\n" }
        if let lastModified { meta += "last-modified \(lastModified)\n" }
        try writeAtomically(base(url) + ".xml", body)
        // The body's size and change time as written: `peekDigest` tells an edited body by them.
        if let stamp = Self.stamp(base(url) + ".xml") { meta += "stamp \(stamp)\n" }
        try writeAtomically(base(url) + ".meta", Array(meta.utf8))
    }

    /// The SHA-256 (hex) the sidecar records for `url`'s body, when the body is still the file that was
    /// stored (same size and change time), without reading or hashing the body; nil otherwise.
    /// For deciding whether a list changed since a verified snapshot was made from it.
    func peekDigest(_ url: String) -> String? {
        guard let fields = sidecar(url), let stamp = fields["stamp"], stamp == Self.stamp(base(url) + ".xml") else { return nil }
        return fields["sha256"]
    }

    /// The sidecar's `name value` lines for `url`, nil when absent or written for another URL.
    private func sidecar(_ url: String) -> [String: String]? {
        guard let meta = readFile(base(url) + ".meta") else { return nil }
        var fields: [String: String] = [:]
        for line in String(decoding: meta, as: UTF8.self).split(separator: "\n") {
            guard let space = line.firstIndex(of: " ") else { continue }
            fields[String(line[..<space])] = String(line[line.index(after: space)...])
        }
        return fields["url"] == url ? fields : nil
    }

    /// `size:seconds.nanoseconds` of a file's last change (ctime: also moves on a touch or rename).
    private static func stamp(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return "\(info.st_size):\(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    /// A file of the cache's own (the verified trust snapshot), nil when absent.
    func read(file name: String) -> [UInt8]? { readFile(directory + "/" + name) }

    /// Writes a file of the cache's own atomically.
    func store(file name: String, _ bytes: [UInt8]) throws {
        try makeDirectories(directory)
        try writeAtomically(directory + "/" + name, bytes)
    }

    /// A cache file's bytes, or nil when it is absent or someone else could have written it. The
    /// verified snapshot decides trust without the lists' signatures being checked again, so it is
    /// only as good as the folder it sits in: the file and the folder must belong to this user (or
    /// root) and be writable by nobody else; anything else is read as not cached.
    private func readFile(_ path: String) -> [UInt8]? {
        guard Self.isPrivate(directory), Self.isPrivate(path), let file = try? RandomAccessFileReader(path: path) else { return nil }
        return file.bytes
    }

    /// Owned by this user or root, and neither group- nor other-writable (symbolic links followed,
    /// so the target is what counts).
    static func isPrivate(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return (info.st_uid == getuid() || info.st_uid == 0) && info.st_mode & 0o022 == 0
    }

    private func writeAtomically(_ path: String, _ bytes: [UInt8]) throws {
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw InputError(key: "tsl.cache.write", message: "cannot write \(temporary): \(String(cString: strerror(errno)))") }
        var done = 0
        var failed = false
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 { if errno == EINTR { continue }; failed = true; break }
            done += n
        }
        if fsync(fd) != 0 { failed = true }
        close(fd)
        if failed || rename(temporary, path) != 0 {
            unlink(temporary)
            throw InputError(key: "tsl.cache.write", message: "cannot write \(path)")
        }
    }

    private func makeDirectories(_ path: String) throws {
        var current = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            current += (current.isEmpty || current == "/" ? "" : "/") + part
            if mkdir(current, 0o700) != 0 && errno != EEXIST {
                throw InputError(key: "tsl.cache.write", message: "cannot create \(current): \(String(cString: strerror(errno)))")
            }
        }
    }
}

/// Reads a whole small file (lists and sidecars are a few MiB at most).
struct RandomAccessFileReader {
    let bytes: [UInt8]

    init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputError(key: "io.open", message: "cannot open \(path)") }
        defer { close(fd) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw InputError(key: "io.read", message: "cannot read \(path)") }
            if n == 0 { break }
            out += buffer[0..<n]
            guard out.count <= 64 << 20 else { throw InputError(key: "io.read", message: "\(path) is too large") }
        }
        bytes = out
    }
}

func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
}
