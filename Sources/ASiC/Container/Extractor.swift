#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Findings

/// Why extraction could not complete. Nothing partial is left behind when this is thrown.
public struct ExtractError: Error, Sendable, CustomStringConvertible {
    /// `extract.exists`, `extract.symlink`, `extract.not-directory`, `extract.io`, `extract.unsafe-name`, or a zip read key.
    public let key: String
    public let message: String
    public var description: String { message }

    /// True when the container is at fault (corrupt entry, unsafe or colliding names), false when
    /// the destination is (exists, symbolic link, not writable).
    public var concernsInput: Bool {
        key.hasPrefix("zip.") || key.hasPrefix("ddoc.") || ["extract.no-data", "extract.unsafe-name", "extract.name-collision"].contains(key)
    }

    public init(key: String, message: String) {
        self.key = key
        self.message = message
    }
}

/// Writes a container's data files under a directory, safely:
/// - names are re-validated (defence in depth) and only ever resolved under the directory, one
///   component at a time with `O_NOFOLLOW`, so no symlink in the destination is followed;
/// - every file is first written and CRC-checked in a private staging directory, and only moved
///   into place when all are complete, so an error leaves no partial file;
/// - an existing file is never replaced unless `overwrite` is set (then atomically, by rename).
public struct Extractor {
    /// One file to extract: its name (a relative path) and how to write its bytes to a descriptor.
    public struct Item {
        public let name: String
        public let write: (Int32) throws -> Void

        public init(name: String, write: @escaping (Int32) throws -> Void) {
            self.name = name
            self.write = write
        }
    }

    let items: [Item]
    public let overwrite: Bool

    /// The data files of a container (never META-INF or mimetype), streamed from the archive.
    public init(container: Container, overwrite: Bool = false) throws {
        guard let archive = container.archive else {
            throw ExtractError(key: "extract.no-data", message: "a bare XAdES document has no data files to extract")
        }
        items = container.dataFiles.map { file in
            Item(name: file.name) { fd in try Self.stream(file.entry, archive: archive, to: fd) }
        }
        self.overwrite = overwrite
    }

    /// Any other source of named files (a DDOC's embedded data files), under the same rules.
    public init(items: [Item], overwrite: Bool = false) {
        self.items = items
        self.overwrite = overwrite
    }

    /// Writes `bytes` to `fd` whole.
    public static func write(_ bytes: [UInt8], to fd: Int32) throws {
        try bytes.withUnsafeBufferPointer { try writeAll($0, to: fd) }
    }

    /// Extracts into `directory` (created when missing). Returns the relative paths written.
    @discardableResult
    public func extract(to directory: String) throws -> [String] {
        let files = items
        for file in files {
            if let problem = ManifestRule.pathProblem(file.name) {
                throw ExtractError(key: "extract.unsafe-name", message: "refusing \"\(EntryNameRule.escaped(file.name))\": \(problem)")
            }
        }
        // Names equal after case folding or Unicode normalisation land on one file on many
        // file systems (macOS, Windows): refuse before writing rather than half-way through.
        var targets = Set<String>()
        for file in files where !targets.insert(file.name.lowercased()).inserted {
            throw ExtractError(key: "extract.name-collision",
                               message: "\"\(EntryNameRule.escaped(file.name))\" collides with another data file's name on case-insensitive or normalising file systems")
        }
        // Create the folder and its missing parents; remove what we created if anything fails.
        let created = try createFolders(directory)
        var succeeded = false
        defer {
            if !succeeded { for folder in created.reversed() { rmdir(folder) } }
        }
        let root = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard root >= 0 else { throw io("cannot open \(directory)") }
        defer { close(root) }
        for file in files { try preflight(root: root, name: file.name) }

        let staging = ".asic-extract-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard mkdirat(root, staging, 0o700) == 0 else { throw io("cannot create a staging folder in \(directory)") }
        let stage = openat(root, staging, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard stage >= 0 else {
            unlinkat(root, staging, AT_REMOVEDIR)
            throw io("cannot open the staging folder")
        }
        var staged: [String] = []
        defer {
            for name in staged { unlinkat(stage, name, 0) }
            close(stage)
            unlinkat(root, staging, AT_REMOVEDIR)
        }
        for (index, file) in files.enumerated() {
            let name = String(index)
            staged.append(name)
            try write(file, into: stage, name: name)
        }
        var written: [String] = []
        for (index, file) in files.enumerated() {
            try commit(from: stage, staged: String(index), root: root, name: file.name)
            written.append(file.name)
        }
        succeeded = true
        return written
    }

    /// `mkdir -p`, returning the folders it made, outermost first.
    private func createFolders(_ directory: String) throws -> [String] {
        var missing: [String] = []
        var path = directory
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        var info = stat()
        while !path.isEmpty && path != "/" && stat(path, &info) != 0 {
            guard errno == ENOENT else { throw io("cannot examine \(path)") }
            missing.insert(path, at: 0)
            guard let slash = path.lastIndex(of: "/") else { break }
            path = String(path[..<slash])
        }
        var created: [String] = []
        for folder in missing {
            guard mkdir(folder, 0o755) == 0 || errno == EEXIST else {
                let failure = io("cannot create \(folder)")
                for made in created.reversed() { rmdir(made) }
                throw failure
            }
            created.append(folder)
        }
        return created
    }

    /// Checks, before writing anything, that each target can be created without following a
    /// link or replacing a file (unless allowed).
    /// The folders and file of `name`, split on the byte `/`. The rules have refused unsafe names
    /// already; this refuses them again where a mistake would write outside the destination.
    private static func parts(of name: String) throws -> [String] {
        let parts = EntryPath.segments(name, omittingEmpty: true)
        guard !parts.isEmpty, !EntryPath.startsWithSlash(name), !parts.contains(where: EntryPath.isDotSegment),
              !name.utf8.contains(UInt8(ascii: "\\")), !name.utf8.contains(0) else {
            throw ExtractError(key: "extract.unsafe-name", message: "refusing \"\(EntryNameRule.escaped(name))\": not a plain relative path")
        }
        return parts
    }

    private func preflight(root: Int32, name: String) throws {
        let parts = try Self.parts(of: name)
        var path = ""
        for (index, part) in parts.enumerated() {
            path = path.isEmpty ? part : path + "/" + part
            var info = stat()
            guard fstatat(root, path, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                if errno == ENOENT { return }
                throw io("cannot examine \(path)")
            }
            let kind = info.st_mode & S_IFMT
            if kind == S_IFLNK {
                throw ExtractError(key: "extract.symlink", message: "\(path) is a symbolic link in the destination; refusing to follow it")
            }
            let isLast = index == parts.count - 1
            if !isLast && kind != S_IFDIR {
                throw ExtractError(key: "extract.not-directory", message: "\(path) exists and is not a directory")
            }
            if isLast {
                if kind == S_IFDIR {
                    throw ExtractError(key: "extract.not-file", message: "\(path) exists and is a directory")
                }
                if !overwrite {
                    throw ExtractError(key: "extract.exists", message: "\(path) already exists (use --force to overwrite)")
                }
            }
        }
    }

    private func write(_ item: Item, into stage: Int32, name: String) throws {
        let fd = openat(stage, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw io("cannot create a staging file") }
        defer { close(fd) }
        try item.write(fd)
        guard fsync(fd) == 0 else { throw io("cannot flush \(item.name)") }
    }

    private static func stream(_ entry: ZipEntry, archive: ZipArchive, to fd: Int32) throws {
        do {
            try archive.stream(entry) { chunk in
                do { try writeAll(chunk.bindMemory(to: UInt8.self), to: fd) } catch {
                    throw ExtractError(key: "extract.io", message: "cannot write \(entry.name): \(String(cString: strerror(errno)))")
                }
            }
        } catch let error as ZipReadError {
            throw ExtractError(key: error.key, message: "\(entry.name): \(error.message); nothing was extracted")
        }
    }

    private static func writeAll(_ chunk: UnsafeBufferPointer<UInt8>, to fd: Int32) throws {
        var done = 0
        while done < chunk.count {
            let n = Glibc.write(fd, chunk.baseAddress! + done, chunk.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw ExtractError(key: "extract.io", message: "cannot write: \(String(cString: strerror(errno)))")
            }
            done += n
        }
    }

    /// Moves a staged file into place, creating parent folders one by one without following links.
    private func commit(from stage: Int32, staged: String, root: Int32, name: String) throws {
        var parts = try Self.parts(of: name)
        let leaf = parts.removeLast()
        var parent = dup(root)
        defer { close(parent) }
        for part in parts {
            if mkdirat(parent, part, 0o755) != 0 && errno != EEXIST { throw io("cannot create folder \(part)") }
            let next = openat(parent, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard next >= 0 else {
                throw ExtractError(key: "extract.symlink", message: "\(part) in the destination is not a plain folder")
            }
            close(parent)
            parent = next
        }
        if overwrite {
            guard renameat(stage, staged, parent, leaf) == 0 else { throw io("cannot move \(name) into place") }
        } else {
            // link() refuses to replace an existing name, closing the gap after the preflight check.
            guard linkat(stage, staged, parent, leaf, 0) == 0 else {
                if errno == EEXIST {
                    throw ExtractError(key: "extract.exists", message: "\(name) already exists (use --force to overwrite)")
                }
                throw io("cannot move \(name) into place")
            }
        }
    }

    private func io(_ what: String) -> ExtractError {
        ExtractError(key: "extract.io", message: "\(what): \(String(cString: strerror(errno)))")
    }
}
