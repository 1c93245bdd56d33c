import ASiC
import Findings
import PKI
#if canImport(Glibc)
import Glibc
#endif

/// Where the data that references point to lives: the container's data files, or files given
/// beside a detached XAdES document. Digests are computed by streaming and cached, so two
/// signatures over the same 2 GB file read it once per algorithm.
public final class DataObjects: @unchecked Sendable {
    public enum Object: Sendable {
        case entry(ZipEntry)
        case file(path: String)
        /// A data file known only by its digests (SiVa's hashcode validation: the data never
        /// left the client).
        case hashcode(HashcodeFile)

        public var name: String {
            switch self {
            case let .entry(entry): entry.name
            case let .file(path): path
            case let .hashcode(file): file.name
            }
        }
    }

    private let archive: ZipArchive?
    /// Candidate objects by their exact name bytes.
    private let objects: [[UInt8]: Object]
    /// Container metadata (mimetype, META-INF/…): resolvable, so a digest can be checked, but
    /// never a legitimate data object.
    private let reserved: [[UInt8]: Object]
    private var cache: [String: Result<[UInt8], DigestFailure>] = [:]

    public struct DigestFailure: Error, Sendable {
        public let key: String
        public let message: String
    }

    /// The container's data files.
    public init(container: Container) {
        archive = container.archive
        var objects: [[UInt8]: Object] = [:]
        for file in container.dataFiles { objects[file.entry.rawName] = .entry(file.entry) }
        self.objects = objects
        var reserved: [[UInt8]: Object] = [:]
        for entry in container.archive?.entries ?? [] where entry.name == "mimetype" || entry.name.hasPrefix("META-INF/") {
            reserved[entry.rawName] = .entry(entry)
        }
        self.reserved = reserved
    }

    /// Detached data: each given file is known by its base name and by the path as given; each
    /// hashcode file by its name exactly.
    public init(detached paths: [String], hashcodes: [HashcodeFile] = []) {
        archive = nil
        var objects: [[UInt8]: Object] = [:]
        for path in paths {
            let base = path.split(separator: "/").last.map(String.init) ?? path
            objects[Array(base.utf8)] = .file(path: path)
            objects[Array(path.utf8)] = .file(path: path)
        }
        for file in hashcodes { objects[Array(file.name.utf8)] = .hashcode(file) }
        self.objects = objects
        reserved = [:]
    }

    func object(named bytes: [UInt8]) -> Object? { objects[bytes] }
    func reservedObject(named bytes: [UInt8]) -> Object? { reserved[bytes] }

    /// Every data object (for the "all files signed" check).
    var allEntries: [ZipEntry] {
        objects.values.compactMap { if case let .entry(entry) = $0 { return entry } else { return nil } }
    }

    /// The digest of an object's raw bytes, streamed.
    func digest(of object: Object, _ algorithm: DigestAlgorithm) -> Result<[UInt8], DigestFailure> {
        if case let .hashcode(file) = object {
            guard let digest = file.digests[algorithm] else {
                return .failure(DigestFailure(key: "xades.hashcode.algorithm",
                                              message: "no \(algorithm.rawValue) digest was given for \(file.name) (the reference needs it)"))
            }
            return .success(digest)
        }
        let key = object.name + "\u{0}" + algorithm.rawValue
        if let cached = cache[key] { return cached }
        let digest = Digest(algorithm)
        let result: Result<[UInt8], DigestFailure>
        do {
            try stream(object) { digest.update($0) }
            result = .success(digest.finalize())
        } catch let error as ZipReadError {
            result = .failure(DigestFailure(key: error.key, message: error.message))
        } catch let error as DigestFailure {
            result = .failure(error)
        } catch {
            result = .failure(DigestFailure(key: "io.read", message: "\(error)"))
        }
        cache[key] = result
        return result
    }

    /// Streams an object's raw bytes into `digest`.
    func feed(_ object: Object, into digest: Digest) throws {
        try stream(object) { digest.update($0) }
    }


    private func stream(_ object: Object, _ sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        switch object {
        case let .entry(entry):
            guard let archive else { throw DigestFailure(key: "io.read", message: "no archive") }
            try archive.stream(entry, sink)
        case let .hashcode(file):
            // Only a digest of the whole file was given: a transform needs bytes nobody sent.
            throw DigestFailure(key: "xades.hashcode.no-data", message: "only digests of \(file.name) were given; the reference transforms its content")
        case let .file(path):
            let file = try RandomAccessFile(path: path)
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
            defer { buffer.deallocate() }
            var offset: UInt64 = 0
            while offset < file.size {
                let count = try file.read(at: offset, into: buffer)
                guard count > 0 else { break }
                try sink(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                offset += UInt64(count)
            }
        }
    }
}
