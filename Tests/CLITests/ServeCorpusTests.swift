import Foundation
import Net
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Every shared-corpus file sent to `asic serve` as a SiVa client would (POLv4, Simple) gets a
/// SiVa-shaped answer with the verdict and the per-signature indications that `asic validate
/// --policy ee` gives the same file: the service is the command line behind HTTP.
@Suite(.serialized) struct ServeCorpusTests {
    @Test(.enabled(if: SharedCorpus.load() != nil && SharedTrust.available, "the shared corpus is not here"))
    func sivaAnswersAgreeWithTheCommandLine() throws {
        let corpus = try #require(SharedCorpus.load())
        let files = corpus.rows.map { corpus.path($0) } + Self.ddocFiles(corpus.root)
        let cache = try scratchFolder()
        // The command line's verdicts, one JSON line per file (same trust, same policy).
        let batch = try CLI.run(["validate", "--policy", "ee", "--format", "json", "--jobs", "2"] + SharedTrust.arguments(cache: cache) + files)
        var expected: [String: [String: Any]] = [:]
        for line in batch.stdout.split(separator: "\n") {
            guard let report = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], let file = report["file"] as? String else { continue }
            expected[file] = report
        }
        #expect(expected.count == files.count)

        let server = try ServeCommandTests.Server(trust: SharedTrust.arguments(cache: cache))
        var compared = 0, refused = 0, carried = 0
        for file in files {
            let report = try #require(expected[file])
            let document = try readBytes(file)
            let request: [String: String] = ["document": Data(document).base64EncodedString(),
                                             "filename": String(file.split(separator: "/").last!), "signaturePolicy": "POLv4"]
            let response = try HTTPClient.send(HTTPRequest(url: server.base + "/validate", body: Array(try JSONSerialization.data(withJSONObject: request)),
                                                           headers: ["Content-Type: application/json"], timeout: 60))
            let verdict = report["verdict"] as? String
            if verdict == "NOT-PROCESSABLE" {
                // SiVa's answer for what it cannot read: 400, key "document".
                #expect(response.status == 400, "\(file)")
                // An empty file cannot even be sent as a document (SiVa refuses a blank one too).
                let expected = document.isEmpty ? "Document is not encoded in a valid base64 string" : "Document malformed or not matching documentType"
                #expect(String(decoding: response.body, as: UTF8.self).contains(expected), "\(file)")
                refused += 1
                continue
            }
            #expect(response.status == 200, "\(file): \(response.status)")
            let answer = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
            let conclusion = try #require((answer?["validationReport"] as? [String: Any])?["validationConclusion"] as? [String: Any], "\(file)")
            #expect(conclusion["verdict"] as? String == verdict, "\(file)")
            #expect(conclusion["signaturesCount"] as? Int == report["signaturesCount"] as? Int, "\(file)")
            let all = report["signatures"] as? [[String: Any]] ?? []
            // A container that fails for a reason of its own (not a signature's or a token's
            // indication) carries it into each SiVa signature that passed (SiVa fails the signature
            // for such defects): none is valid.
            let ownReasons = (report["verdictReasons"] as? [String] ?? []).filter {
                $0.range(of: #"^(signature|time-stamp token) .+ (is not valid|could not be confirmed) \((TOTAL-FAILED|INDETERMINATE)"#,
                         options: .regularExpression) == nil
            }
            // (A DDOC's signatures are SiVa's own: nothing is carried.)
            let containerFailure = verdict == "FAILED" && report["containerType"] as? String != "DDOC" && !all.isEmpty && !ownReasons.isEmpty
            #expect(conclusion["validSignaturesCount"] as? Int == (containerFailure ? 0 : report["validSignaturesCount"] as? Int), "\(file)")
            let ours = all.filter { $0["format"] as? String != "ASiC-S-TIMESTAMP" }
            let theirs = conclusion["signatures"] as? [[String: Any]] ?? []
            #expect(ours.count == theirs.count, "\(file)")
            for (mine, siva) in zip(ours, theirs) {
                let carries = containerFailure && mine["indication"] as? String == "TOTAL-PASSED"
                #expect(siva["indication"] as? String == (carries ? "TOTAL-FAILED" : mine["indication"] as? String), "\(file)")
                if !carries { #expect(mine["subIndication"] as? String == siva["subIndication"] as? String, "\(file)") }
            }
            if containerFailure { carried += 1 }
            compared += 1
        }
        print("SiVa API vs asic validate: \(compared) reports compared (\(carried) with a container failure carried into the signatures), \(refused) refused as SiVa does, of \(files.count) files")
        #expect(compared > 100)
        server.process.signal(SIGTERM)
        #expect(server.process.wait() == 0)
    }

    /// The DDOC files of the shared corpus (`ddoc/`), by their manifest.
    static func ddocFiles(_ root: String) -> [String] {
        guard let ddoc = SharedCorpus(root: root + "/ddoc") else { return [] }
        return ddoc.rows.map { ddoc.path($0) }
    }
}
