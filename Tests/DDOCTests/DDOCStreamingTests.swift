import DDOC
import Findings
import Foundation
import TestSupport
import Testing

/// The streamed reading of large DDOCs (bodies digested as they pass, never held) must judge
/// exactly as the whole-file reading does: every own vector and every shared DDOC is validated
/// both ways and the verdicts, errors and warnings compared.
@Suite("DDOC streaming")
struct DDOCStreamingTests {
    static func summary(_ result: (DDOCValidation?, DDOCRejection?)) -> String {
        if let rejection = result.1 { return "reject \(rejection.key)" }
        guard let validation = result.0 else { return "nothing" }
        return validation.verdict.rawValue + " " + validation.signatures.map { "\($0.id): \($0.errors.map(\.message)) \($0.warnings.map(\.message))" }
            .joined(separator: "; ")
    }

    static func compare(_ files: [String], trust: DDOCTrust) -> (compared: Int, problems: [String]) {
        let validator = DDOCValidator(trust: trust)
        var problems: [String] = []
        for file in files {
            let whole = summary(validator.validate(path: file, streaming: false))
            let streamed = summary(validator.validate(path: file, streaming: true))
            if whole != streamed { problems.append("\(file):\n  whole:    \(whole)\n  streamed: \(streamed)") }
        }
        return (files.count, problems)
    }

    @Test func ownVectorsAreJudgedAlikeBothWays() throws {
        let folder = OwnVectors.root + "/ddoc/"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".ddoc") }.sorted().map { folder + $0 }
        let (compared, problems) = Self.compare(files, trust: try OwnDDOCVectorTests.trust())
        #expect(compared >= 25)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func sharedFilesAreJudgedAlikeBothWays() throws {
        guard let corpus = DDOCCorpusTests.corpus else { return }
        let files = corpus.rows.map { corpus.root + "/" + $0.path }
        let (_, problems) = Self.compare(files, trust: try SharedTrust.ddoc())
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }
}
