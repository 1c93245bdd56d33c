import TestSupport
import Foundation

/// The shared corpus of real containers (`../shared/vectors`), read in place, never copied.
/// Tests that need it skip cleanly when it is absent.
struct SharedCorpus {
    struct Row {
        let path: String
        let expect: String
        let indication: String
        let subindication: String
        let trust: String
        let crypto: String
        let notes: String
    }

    let root: String
    let rows: [Row]

    /// Looks for `vectors/` in `shared/` beside the package (the layout of the work tree and of CI).
    static func load() -> SharedCorpus? {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["ASIC_SHARED_VECTORS"] { candidates.append(env) }
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<6 {
            dir = dir.deletingLastPathComponent()
            candidates.append(dir.appendingPathComponent("shared/vectors").path)
        }
        for candidate in candidates {
            let manifest = candidate + "/MANIFEST.tsv"
            guard let text = try? String(contentsOfFile: manifest, encoding: .utf8) else { continue }
            let rows = text.split(separator: "\n").dropFirst().map { line -> Row in
                let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                return Row(path: f[0], expect: f[1], indication: f[2], subindication: f[3], trust: f[4], crypto: f[5],
                           notes: f.count > 6 ? f[6] : "")
            }
            return SharedCorpus(root: candidate, rows: rows)
        }
        return nil
    }

    func path(_ row: Row) -> String { root + "/" + row.path }
}
