import Foundation
import Testing
import TestSupport

/// A write the system refuses (here: a file over the process's size limit, as a full disk would)
/// never crashes the command, never leaves a partial report, and never lets a summary go out
/// silently short of files: it is said in one line and the command ends with exit 73.
struct WriteFailureTests {
    /// `asic` with its files limited to 1 KiB (SIGXFSZ ignored, so a write past it fails with
    /// EFBIG instead of killing the process); standard output and error are pipes, not limited.
    static func limited(_ arguments: [String], environment: [String: String] = [:]) throws -> CLI.Result {
        let quoted = ([CLI.binary] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let result = try Subprocess.run(["bash", "-c", "trap '' XFSZ; ulimit -f 1; exec " + quoted], environment: environment)
        return CLI.Result(status: result.status, stdout: String(decoding: result.stdout, as: UTF8.self),
                          stderr: String(decoding: result.stderr, as: UTF8.self))
    }

    @Test func aSummaryThatLostRowsAndAReportThatCannotBeWrittenExit73() throws {
        let dir = try scratchFolder()
        let trust = OwnVectors.arguments(cache: dir + "/cache")
        let folder = OwnVectors.root + "/containers"
        // The trust snapshot is written first, without the limit.
        _ = try CLI.run(["validate", "--quiet"] + trust + [folder + "/lt-p256.asice"])
        // The batch's rows go to a private file (in TMPDIR) past 1 KiB: the summary would miss files.
        let batch = try Self.limited(["validate", "--format", "json"] + trust + [folder], environment: ["TMPDIR": dir])
        #expect(batch.status == 73, "\(batch.stderr.suffix(400))")
        #expect(batch.stderr.contains("the summary's list of files is incomplete: cannot write it: File too large"), "\(batch.stderr.suffix(400))")

        // The report itself past 1 KiB: said, exit 73, and no file (nor a partial one) left.
        let output = dir + "/report.jsonl"
        let report = try Self.limited(["validate", "--format", "json", "--output", output] + trust + [folder])
        #expect(report.status == 73)
        #expect(report.stderr.contains("asic: \(output): cannot write report: File too large"), "\(report.stderr.suffix(400))")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("report.jsonl") }
        #expect(left.isEmpty, "\(left)")
    }
}
