import DDOC
import Findings
import Foundation
import PKI
import TestSupport
import Testing
import Trust

/// Every row of the shared DDOC manifest (real files from SiVa's test suites) with an asserted
/// verdict gets it: `valid` (all TOTAL-PASSED, no signature warning), `warning` (all passed, a
/// warning), `invalid` (a signature TOTAL-FAILED), `no-signature`, `reject` (not processable).
/// Rows marked `?` are informative; deviations must be listed here with their reason.
@Suite("Shared corpus: DDOC")
struct DDOCCorpusTests {
    static var corpus: SharedCorpus? {
        SharedCorpus.load().flatMap { SharedCorpus(root: $0.root + "/ddoc") }
    }

    /// SiVa's test profile: the SK production certificates plus the TEST ones.
    static func testTrust(_ corpus: SharedCorpus) throws -> DDOCTrust {
        _ = corpus
        return try SharedTrust.ddoc()
    }

    /// Row path → why we knowingly differ from SiVa.
    static let deviations: [String: String] = [:]

    static func outcome(_ bytes: [UInt8], trust: DDOCTrust) -> (expect: String, detail: String) {
        do {
            let result = try DDOCValidator(trust: trust).validate(bytes)
            let detail = result.signatures.map { "\($0.id) \($0.indication) errors=\($0.errors.map(\.message)) warnings=\($0.warnings.map(\.message))" }
                .joined(separator: "; ")
            switch result.verdict {
            case .noSignature: return ("no-signature", detail)
            case .failed: return ("invalid", detail)
            case .passed: return (result.signatures.contains { !$0.warnings.isEmpty } ? "warning" : "valid", detail)
            }
        } catch {
            return ("reject", error.description)
        }
    }

    @Test func everyAssertedRowAgrees() throws {
        guard let corpus = Self.corpus else { return }
        let test = try Self.testTrust(corpus)
        var agree = 0, problems: [String] = []
        for row in corpus.rows where row.expect != "?" || ProcessInfo.processInfo.environment["DDOC_DETAIL"] != nil {
            let bytes = try readBytes(corpus.root + "/" + row.path)
            let (got, detail) = Self.outcome(bytes, trust: row.trust == "test-tl" ? test : .bundled)
            if ProcessInfo.processInfo.environment["DDOC_DETAIL"] != nil { print("ROW \(row.path) [\(row.expect)] => \(got): \(detail)") }
            if got == row.expect {
                agree += 1
            } else if Self.deviations[row.path] == nil {
                problems.append("\(row.path): expected \(row.expect), got \(got): \(detail)")
            }
        }
        print("DDOC corpus: \(agree) of \(corpus.rows.filter { $0.expect != "?" }.count) asserted rows agree")
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }
}
