import ASiC
import Findings
import PKI
#if canImport(Glibc)
import Glibc
#endif

/// Keeps a file provable by wrapping it in an ASiC-S container with an RFC 3161 time-stamp over
/// it, as Estonia's TeRa tool does for DDOC archives whose SHA-1 and RSA-1024 grow weak: the
/// token proves the file existed, unchanged, at its time.
///
/// The container is `<file>.asics` beside the file, written to a temporary file and renamed into
/// place (never half-written); a file already wrapped (the container holds exactly these bytes
/// under a token over them) is skipped, so an interrupted run can simply be run again; a
/// different file of that name is never overwritten.
public enum ASiCSWrapper {
    public enum Outcome: Sendable, Equatable {
        case wrapped(String)
        case alreadyDone(String)
    }

    /// The ASiC-S path for `file`.
    public static func outputPath(for file: String) -> String { file + ".asics" }

    public static func wrap(_ file: String, services: TrustServices) throws(SigningError) -> Outcome {
        let output = outputPath(for: file)
        let bytes: [UInt8]
        do {
            let reader = try RandomAccessFile(path: file)
            bytes = try reader.read(at: 0, count: Int(reader.size))
        } catch {
            throw SigningError("timestamp.unreadable", "\(file): cannot be read: \(error)")
        }
        let digest = Digest.hash(bytes, .sha256)
        if access(output, F_OK) == 0 {
            if wraps(output, name: baseName(file), digest: digest) { return .alreadyDone(output) }
            throw SigningError("timestamp.exists", "\(output) exists and does not wrap this file; it is not overwritten")
        }
        let token = try services.timestamp(digest, .sha256)
        do {
            let writer = try ZipWriter(path: output)
            try writer.add("mimetype", Array("application/vnd.etsi.asic-s+zip".utf8), deflate: false)
            try writer.add(baseName(file), bytes, deflate: true)
            try writer.add("META-INF/timestamp.tst", token, deflate: false)
            try writer.finish()
        } catch {
            throw SigningError("timestamp.write", "\(output): cannot be written: \(error)")
        }
        return .wrapped(output)
    }

    /// True when `output` is an ASiC-S holding exactly one data file `name` with these bytes and a
    /// time-stamp token whose imprint covers them.
    static func wraps(_ output: String, name: String, digest: [UInt8]) -> Bool {
        guard let container = try? Container.open(path: output), container.type == .asicS, container.dataFiles.count == 1,
              let data = container.dataFiles.first, data.name == name, let archive = container.archive,
              let contents = try? archive.contents(of: data.entry), Digest.hash(contents, .sha256) == digest else { return false }
        return container.verifyTimestampTokens().first.map { $0.imprintMatches && $0.signatureIntact == true } ?? false
    }

    static func baseName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
