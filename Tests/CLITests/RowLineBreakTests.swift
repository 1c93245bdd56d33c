import Foundation
import TestSupport
import Testing

/// A file name is the attacker's to write. One carrying "\r\n" must stay one row of the batch:
/// before, the row builder replaced line breaks character by character, the CR LF pair (one
/// character) passed through, and the summary and the audit page named a file "name.asice"
/// that does not exist instead of the failing one.
@Suite("A line break in a file name stays in its row")
struct RowLineBreakTests {
    @Test func theFailingFileIsNamedWholeInTheSummaryAndThePage() throws {
        let dir = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let folder = dir + "/batch"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let containers = OwnVectors.root + "/containers/"
        try FileManager.default.copyItem(atPath: containers + "hash-failure.asice", toPath: folder + "/bad\r\nname.asice")
        try FileManager.default.copyItem(atPath: containers + "lta-p256.asice", toPath: folder + "/good.asice")
        let page = dir + "/page.html"
        let result = try CLI.run(["validate", "--summary-html", page] + OwnVectors.arguments(cache: dir + "/cache") + [folder])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("Summary: 2 files"))
        let failures = result.stderr.split(separator: "\n").filter { $0.contains("HASH_FAILURE") && $0.contains("name.asice:") }
        #expect(failures.count == 1 && failures[0].contains("bad") && failures[0].contains("batch/"), "\(result.stderr)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("bad  name.asice") && html.contains("good.asice"))
        #expect(!html.contains(">name.asice"), "a row named a file that does not exist")
    }
}
