import DDOC
import Foundation
import PKI
import Trust

/// Where the test data lives: the shared corpus and trust material (`../shared/vectors`, read in
/// place, never copied; tests that need it skip cleanly when it is absent) and our own vectors
/// (`TestVectors/`, always in the repository).
private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Seconds since 1970, now.
public var now: Int64 { Int64(Date().timeIntervalSince1970) }

/// A folder of containers with a `MANIFEST.tsv` in the shared corpus's columns.
public struct SharedCorpus: Sendable {
    public struct Row: Sendable {
        public let path: String
        public let expect: String
        public let indication: String
        public let subindication: String
        public let trust: String
        public let crypto: String
        public let notes: String
    }

    public let root: String
    public let rows: [Row]

    /// Reads `manifest` (default `root/MANIFEST.tsv`), whose paths are relative to `root`; nil when there is none.
    public init?(root: String, manifest: String? = nil) {
        guard let text = try? String(contentsOfFile: manifest ?? root + "/MANIFEST.tsv", encoding: .utf8) else { return nil }
        self.root = root
        rows = text.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Row(path: f[0], expect: f[1], indication: f[2], subindication: f[3], trust: f[4], crypto: f[5],
                       notes: f.count > 6 ? f[6] : "")
        }
    }

    /// The shared corpus: `$ASIC_SHARED_VECTORS`, else `shared/vectors` beside the package (the
    /// layout of the work tree and of CI). Its manifest is read once per test process.
    public static func load() -> SharedCorpus? { located }

    /// The shared corpus's folder, nil when it is absent (suites that run `asic` on its files).
    public static var folder: String? { located?.root }

    private static let located: SharedCorpus? = {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["ASIC_SHARED_VECTORS"] { candidates.append(env) }
        var dir = repository
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("shared/vectors").path)
            dir = dir.deletingLastPathComponent()
        }
        return candidates.lazy.compactMap { SharedCorpus(root: $0) }.first
    }()

    public func path(_ row: Row) -> String { root + "/" + row.path }
}

/// The shared trust material (`../shared/vectors/trust`), read in place.
public enum SharedTrust {
    public static let root: String? = {
        guard let vectors = SharedCorpus.folder else { return nil }
        let candidate = vectors + "/trust"
        return FileManager.default.fileExists(atPath: candidate + "/test-tl/tl-mp-test-EE.xml") ? candidate : nil
    }()

    public static var available: Bool { root != nil }

    /// DDOC trust as SiVa's demo instance has it: the bundled SK production certificates plus
    /// the TEST ones of `ddoc/trust/test`.
    public static func ddoc() throws -> DDOCTrust {
        guard let vectors = SharedCorpus.folder else { return .bundled }
        let test = try TrustAnchors.load(vectors + "/ddoc/trust/test").map(\.certificate)
        return DDOCTrust(certificates: DDOCTrust.bundled.authorities + DDOCTrust.bundled.responders + test, source: "SK production and TEST certificates")
    }

    public static func certificate(_ relative: String) throws -> Certificate {
        guard let root else { throw CocoaError(.fileReadCorruptFile) }
        return try firstCertificate(root + "/" + relative)
    }

    /// The Estonian test trusted list and its signer, as `asic validate` options.
    public static func arguments(cache: String) -> [String] {
        guard let root else { return [] }
        return ["--offline", "--cache-dir", cache, "--tsl", root + "/test-tl/tl-mp-test-EE.xml", "--tsl-cert", root + "/test-tl/trusted-test-tsl.crt"]
    }

    /// A trust store from the Estonian test trusted list, offline.
    public static func store() throws -> TrustStore {
        guard let root else { throw CocoaError(.fileNoSuchFile) }
        let set = TrustedListLoader.load(TrustSettings(
            listOfLists: root + "/test-tl/tl-mp-test-EE.xml", listOfListsSigners: [try certificate("test-tl/trusted-test-tsl.crt")],
            cache: TrustedListCache(directory: try scratchFolder()), offline: true, now: now))
        return TrustStore(services: set.services, anchors: [])
    }
}

/// Our own vectors and test PKI (`TestVectors/`, made by `TestVectors/generate.py`).
public enum OwnVectors {
    public static let root = repository.appendingPathComponent("TestVectors").path

    /// The own test PKI's certificate `name` (`pki/<name>.pem`: `issuing`, `signer-p256`, `tslsigner` …).
    public static func certificate(_ name: String) throws -> Certificate { try firstCertificate(root + "/pki/" + name + ".pem") }

    /// `containers/MANIFEST.tsv`, with its paths relative to `TestVectors/`.
    public static var corpus: SharedCorpus? { SharedCorpus(root: root, manifest: root + "/containers/MANIFEST.tsv") }

    /// The decoded value of the first `element` (an `Encapsulated…` value) in the first signature
    /// of the own vector `containers/<vector>`; nil when it is absent or not base64.
    public static func embedded(_ element: String, in vector: String) throws -> [UInt8]? {
        let xml = String(decoding: try tool(["unzip", "-p", root + "/containers/" + vector, "META-INF/signatures0.xml"]), as: UTF8.self)
        guard let open = xml.range(of: element), let start = xml[open.upperBound...].firstIndex(of: ">"),
              let end = xml[start...].firstIndex(of: "<") else { return nil }
        return Base64.decode(String(xml[xml.index(after: start)..<end]))
    }

    /// The bundled test LOTL and its signer, as `asic validate` options.
    public static func arguments(cache: String) -> [String] {
        ["--offline", "--cache-dir", cache, "--tsl", root + "/pki/tsl/lotl.xml", "--tsl-cert", root + "/pki/tslsigner.pem"]
    }

    /// The bundled test LOTL (or the variant in `pki/tsl/<variant>/`), loaded offline: every list
    /// it names must be usable.
    public static func load(variant: String? = nil) throws -> TrustedListSet {
        TrustedListLoader.load(TrustSettings(
            listOfLists: root + "/pki/tsl/" + (variant.map { $0 + "/" } ?? "") + "lotl.xml",
            listOfListsSigners: try TrustAnchors.load(root + "/pki/tslsigner.pem").map(\.certificate),
            cache: TrustedListCache(directory: try scratchFolder()), offline: true, now: now))
    }

    /// A copy of the own vector `containers/<source>` whose `META-INF/signatures0.xml` text `x` the
    /// python3 statements `edit` change (they see `sys.argv[1:]` as `args`); its path.
    public static func withEditedSignature(_ source: String, _ edit: String, _ args: [String] = []) throws -> String {
        let out = try scratchFolder() + "/" + source
        let script = """
        import base64, hashlib, re, sys, zipfile
        source, out, args = sys.argv[1], sys.argv[2], sys.argv[3:]
        name = 'META-INF/signatures0.xml'
        with zipfile.ZipFile(source) as z:
            x = z.read(name).decode()
        \(edit)
        with zipfile.ZipFile(source) as zi, zipfile.ZipFile(out, 'w') as zo:
            for info in zi.infolist():
                zo.writestr(info, x.encode() if info.filename == name else zi.read(info.filename))
        """
        try tool(["python3", "-c", script, root + "/containers/" + source, out] + args)
        return out
    }
}

/// The first certificate of the PEM or DER file at `path`; a file without one is a broken
/// fixture, so it throws rather than answering nil for every caller to `#require` away.
func firstCertificate(_ path: String) throws -> Certificate {
    guard let certificate = try TrustAnchors.load(path).first?.certificate else {
        throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path])
    }
    return certificate
}
