import DDOC
import Findings
import Foundation
import TestSupport
import Testing
import Trust

/// Our own DDOC vectors (`TestVectors/ddoc_generate.py`, with the RSA test PKI of
/// `TestVectors/pki/ddoc`): every row gives its verdict, and every error and warning text its
/// notes name (SiVa's texts) is among ours. These run everywhere, the shared corpus or not.
@Suite("Own DDOC vectors")
struct OwnDDOCVectorTests {
    static var corpus: SharedCorpus? { SharedCorpus(root: OwnVectors.root, manifest: OwnVectors.root + "/ddoc/MANIFEST.tsv") }

    static func trust() throws -> DDOCTrust {
        let pki = OwnVectors.root + "/pki/ddoc/"
        return DDOCTrust(certificates: try (TrustAnchors.load(pki + "ca.pem") + TrustAnchors.load(pki + "responder.pem")).map(\.certificate),
                         source: "own DDOC test PKI")
    }

    /// `error: TEXT` / `warning: TEXT` / `error-startswith: TEXT` items of the notes.
    static func expectedTexts(_ notes: String) -> [(level: String, text: String, prefix: Bool)] {
        notes.components(separatedBy: " ; ").compactMap { item in
            for (label, level, prefix) in [("error-startswith: ", "error", true), ("error: ", "error", false), ("warning: ", "warning", false)]
            where item.hasPrefix(label) {
                return (level, String(item.dropFirst(label.count)), prefix)
            }
            return nil
        }
    }

    @Test func everyVectorGivesItsVerdictAndTexts() throws {
        let corpus = try #require(Self.corpus)
        let validator = DDOCValidator(trust: try Self.trust())
        var problems: [String] = []
        for row in corpus.rows {
            let bytes = try readBytes(corpus.root + "/" + row.path)
            let (got, detail) = DDOCCorpusTests.outcome(bytes, trust: validator.trust)
            if got != row.expect { problems.append("\(row.path): expected \(row.expect), got \(got): \(detail)") }
            guard let result = try? validator.validate(bytes) else { continue }
            let errors = result.signatures.flatMap(\.errors).map(\.message)
            let warnings = result.signatures.flatMap(\.warnings).map(\.message)
            for expected in Self.expectedTexts(row.notes) {
                let pool = expected.level == "error" ? errors : warnings
                let found = pool.contains { expected.prefix ? $0.hasPrefix(expected.text) : $0 == expected.text }
                // The rogue responder's name is written the way BouncyCastle prints names: compare up to it.
                let loose = expected.text.hasPrefix("No certificate for responder:") && pool.contains { $0.hasPrefix("No certificate for responder:") }
                if !found && !loose { problems.append("\(row.path): no \(expected.level) \"\(expected.text)\" among \(pool)") }
            }
        }
        #expect(corpus.rows.count >= 25)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }
}

/// A hostile DDOC: thousands of DataFiles no signature covers yield a bounded report (the first
/// 20 of a key, then one finding with the count), and the signature still fails.
@Suite("DDOC report amplification")
struct DDOCAmplificationTests {
    @Test func repeatedFindingsAreAggregated() throws {
        let base = try String(contentsOfFile: OwnVectors.root + "/ddoc/valid-1.3.ddoc", encoding: .utf8)
        let start = try #require(base.range(of: "<DataFile"))
        let extra = (1...5000).map { "<DataFile ContentType=\"EMBEDDED_BASE64\" Filename=\"f\($0).txt\" Id=\"D\($0 + 1)\" MimeType=\"text/plain\" Size=\"2\">aGk=</DataFile>\n" }.joined()
        let hostile = base.replacingCharacters(in: start.lowerBound..<start.lowerBound, with: extra)
        let result = try DDOCValidator(trust: try OwnDDOCVectorTests.trust()).validate(Array(hostile.utf8))
        let errors = try #require(result.signatures.first).errors
        #expect(result.verdict == .failed)
        #expect(errors.filter { $0.key == "ddoc.missing-reference" }.count <= 21)
        #expect(errors.contains { $0.key == "ddoc.missing-reference" && $0.message.contains("5000") }, "\(errors.map(\.message).suffix(3))")
    }
}
