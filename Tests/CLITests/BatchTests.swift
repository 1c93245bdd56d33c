import Foundation
import TestSupport
import Testing

@Suite("Batch validation", .enabled(if: SharedCorpus.folder != nil, "../shared/vectors is absent"))
struct BatchTests {
    @Test func foldersInParallelStreamJSONLinesInInputOrder() throws {
        let vectors = try #require(SharedCorpus.folder)
        let dir = try scratchFolder()
        // Three copies of the siva folder: a batch whose order must survive 2 workers.
        for copy in 0..<3 {
            try FileManager.default.copyItem(atPath: vectors + "/containers/siva", toPath: dir + "/copy\(copy)")
        }
        let result = try CLI.run(["validate", "--jobs", "2", "--format", "json"] + SharedTrust.arguments(cache: dir) + [dir])
        #expect([1, 2, 3].contains(result.status))
        let files = result.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["file"] as? String
        }
        #expect(files.count > 100)
        #expect(files == files.sorted(), "JSON Lines are not in input order")
        #expect(result.stderr.contains("Summary: \(files.count) files"))
        #expect(result.stderr.contains("TOTAL-PASSED"))
        // Sequential and parallel runs agree line by line (validation time aside).
        let sequential = try CLI.run(["validate", "--jobs", "1", "--format", "json", "--at", "2026-01-01T00:00:00Z"] + SharedTrust.arguments(cache: dir) + [dir])
        let parallel = try CLI.run(["validate", "--jobs", "2", "--format", "json", "--at", "2026-01-01T00:00:00Z"] + SharedTrust.arguments(cache: dir) + [dir])
        #expect(sequential.stdout == parallel.stdout)
    }

    @Test func ctrlCStopsCleanlyWithASummaryAndNoPartialOutput() throws {
        let vectors = try #require(SharedCorpus.folder)
        let dir = try scratchFolder()
        for copy in 0..<20 {
            try FileManager.default.copyItem(atPath: vectors + "/containers/siva", toPath: dir + "/copy\(copy)")
        }
        let output = dir + "/report.jsonl"
        let process = try Subprocess([CLI.binary, "validate", "--jobs", "1", "--format", "json", "--output", output]
                                     + SharedTrust.arguments(cache: dir) + [dir], stdout: .null)
        // Once the report is being written (the run is under way), however slow the start (sanitizers).
        for _ in 0..<600 where try FileManager.default.contentsOfDirectory(atPath: dir).allSatisfy({ !$0.hasPrefix("report.jsonl") }) {
            Thread.sleep(forTimeInterval: 0.05)
        }
        Thread.sleep(forTimeInterval: 0.3)
        process.signal(SIGINT)
        let stderr = String(decoding: process.readToEnd().stderr, as: UTF8.self)
        #expect(process.wait() == 130)
        #expect(stderr.contains("INTERRUPTED"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("report.jsonl") }
        #expect(leftovers.isEmpty, "partial output left: \(leftovers)")
    }
}
