import TestSupport
import Foundation
import PKI

/// The shared trust material (`../shared/vectors/trust`), read in place.
enum SharedTrust {
    static var root: String? {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<6 {
            dir = dir.deletingLastPathComponent()
            let candidate = dir.appendingPathComponent("shared/vectors/trust").path
            if FileManager.default.fileExists(atPath: candidate + "/test-tl/tl-mp-test-EE.xml") { return candidate }
        }
        return nil
    }

    static var available: Bool { root != nil }

    static func certificate(_ relative: String) throws -> Certificate {
        let text = try String(contentsOfFile: root! + "/" + relative, encoding: .utf8)
        let body = text.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("-----") }.joined()
        guard let der = Base64.decode(body), let certificate = Certificate(der: der) else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return certificate
    }
}


var now: Int64 { Int64(Date().timeIntervalSince1970) }
