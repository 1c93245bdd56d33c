@testable import DDOC
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

    /// Bodies are paired with DataFile elements by position, so the scanner refuses what could
    /// hide a DataFile from one reader: the signed DataFile kept in a comment (whose first `>` a
    /// naive scan takes for its end) with an unsigned empty DataFile naming another file, a
    /// comment or processing instruction anywhere, and an empty DataFile element.
    @Test func markupThatCouldHideADataFileIsRefused() throws {
        let folder = OwnVectors.root + "/ddoc/"
        let validator = DDOCValidator(trust: try OwnDDOCVectorTests.trust())
        let source = try readBytes(folder + "valid-1.3.ddoc")
        let text = String(decoding: source, as: UTF8.self)
        let start = try #require(text.range(of: "<DataFile"))
        let end = try #require(text.range(of: "</DataFile>"))
        let genuine = String(text[start.lowerBound..<end.upperBound])
        let decoy = "<DataFile ContentType=\"EMBEDDED_BASE64\" Filename=\"invoice-PAID.exe\" Id=\"D0\" MimeType=\"application/x-msdownload\" Size=\"0\"/>"
        let mutants = [
            ("signed DataFile in a comment, decoy beside it", text.replacingOccurrences(of: genuine, with: "<!-- > " + genuine + " -->" + decoy)),
            ("a comment", text.replacingOccurrences(of: genuine, with: genuine + "<!-- note -->")),
            ("a processing instruction", text.replacingOccurrences(of: genuine, with: genuine + "<?note x?>")),
            ("an empty DataFile", text.replacingOccurrences(of: genuine, with: genuine + decoy.replacingOccurrences(of: "\"D0\"", with: "\"D1\""))),
        ]
        let dir = try scratchFolder()
        #expect(Self.summary(validator.validate(path: folder + "valid-1.3.ddoc", streaming: true)).hasPrefix("PASSED"))
        for (name, mutant) in mutants {
            try write(mutant, to: dir + "/mutant.ddoc")
            let streamed = Self.summary(validator.validate(path: dir + "/mutant.ddoc", streaming: true))
            #expect(streamed == "reject ddoc.stream-markup", "\(name): \(streamed)")
        }
    }

    /// Reads of a few bytes split every tag, CR LF pair, base64 quad and closing tag across
    /// buffers: the streamed digests must not change.
    @Test(arguments: [1, 2, 3, 7, 64, 4093])
    func tinyReadsGiveTheSameDigests(chunk: Int) throws {
        let folder = OwnVectors.root + "/ddoc/"
        let validator = DDOCValidator(trust: try OwnDDOCVectorTests.trust())
        for name in ["valid-1.3.ddoc", "valid-1.3-two-datafiles.ddoc", "warning-1.2.ddoc", "warning-1.3-datafile-no-xmlns.ddoc",
                     "invalid-crcrlf-line-ends.ddoc", "valid-1.3-hashcode.ddoc"] {
            let reference = Self.summary(validator.validate(path: folder + name, streaming: false))
            let (skeleton, files) = try DigiDocStream.read(path: folder + name, limit: 1 << 30, chunk: chunk)
            let streamed: String
            do { streamed = Self.summary((try validator.validate(skeleton, streamed: files), nil)) } catch { streamed = "reject \(error.key)" }
            #expect(streamed == reference, "\(name) in reads of \(chunk): \(streamed) vs \(reference)")
        }
    }
}
