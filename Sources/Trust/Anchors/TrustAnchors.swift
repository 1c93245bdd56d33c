import Findings
import PKI
#if canImport(Glibc)
import Glibc
#endif

/// A certificate trusted directly (`--trust-anchors`): a CA, an OCSP responder or a TSA,
/// trusted without any trusted list, at any time within its own validity.
public struct TrustAnchor: Sendable {
    public let certificate: Certificate
    /// The file it came from, shown as "trusted by".
    public let file: String
}

public enum TrustAnchors {
    /// Loads every PEM (one or more certificates) or DER file in `path` (a file or a folder, not recursive).
    public static func load(_ path: String) throws -> [TrustAnchor] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw InputError(key: "anchors.unreadable", message: String(cString: strerror(errno)))
        }
        var files: [String] = []
        if (info.st_mode & S_IFMT) == S_IFDIR {
            guard let dir = opendir(path) else { throw InputError(key: "anchors.unreadable", message: "cannot list \(path)") }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                guard !name.hasPrefix(".") else { continue }
                files.append(path + "/" + name)
            }
            files.sort()
        } else {
            files = [path]
        }
        var anchors: [TrustAnchor] = []
        for file in files {
            guard let bytes = try? RandomAccessFileReader(path: file).bytes else { continue }
            let certificates = parse(bytes)
            if certificates.isEmpty && files.count == 1 {
                throw InputError(key: "anchors.no-certificate", message: "holds no PEM or DER certificate")
            }
            anchors += certificates.map { TrustAnchor(certificate: $0, file: file.split(separator: "/").last.map(String.init) ?? file) }
        }
        if anchors.isEmpty { throw InputError(key: "anchors.no-certificate", message: "holds no PEM or DER certificate") }
        return anchors
    }

    /// Every PEM block, or the whole file as DER.
    static func parse(_ bytes: [UInt8]) -> [Certificate] {
        let text = String(decoding: bytes, as: UTF8.self)
        if text.contains("-----BEGIN CERTIFICATE-----") {
            var certificates: [Certificate] = []
            var body: String?
            for line in text.split(whereSeparator: \.isNewline) {
                if line.hasPrefix("-----BEGIN CERTIFICATE") { body = "" } else if line.hasPrefix("-----END CERTIFICATE") {
                    if let der = body.flatMap(Base64.decode), let certificate = Certificate(der: der) { certificates.append(certificate) }
                    body = nil
                } else if body != nil {
                    body! += line
                }
            }
            return certificates
        }
        return Certificate(der: bytes).map { [$0] } ?? []
    }
}
