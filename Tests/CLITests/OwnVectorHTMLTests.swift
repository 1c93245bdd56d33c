import Foundation
import TestSupport
import Testing

/// The HTML reports of our own vectors (always in the repository, unlike the shared corpus):
/// a valid, an invalid, a multi-signature and a refused container and a batch summary, each
/// rendered by headless Chromium with no external request and no console message.
@Suite("HTML reports of our own vectors", .enabled(if: Chromium.path != nil, "chromium is not installed"))
struct OwnVectorHTMLTests {
    @Test func validInvalidMultiRefusedAndSummaryRender() throws {
        let dir = NSTemporaryDirectory() + "asic-html-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let trust = OwnVectors.arguments(cache: dir + "/cache")
        let c = OwnVectors.root + "/containers/"
        let pages: [(name: String, file: String, status: Int32, must: String)] = [
            ("valid", c + "lta-p256.asice", 0, "TESTER"),
            ("invalid", c + "hash-failure.asice", 1, "contract.txt"),
            ("multi", c + "lt-two-signatures.asice", 0, "TESTER,RSA"),
            ("refused", c + "duplicate-entry.asice", 3, "duplicate"),
        ]
        for page in pages {
            let html = dir + "/\(page.name).html"
            let result = try CLI.run(["validate", "--format", "html", "--output", html] + trust + [page.file])
            #expect(result.status == page.status, "\(page.name): \(result.stderr)")
            let text = try String(contentsOfFile: html, encoding: .utf8)
            #expect(text.contains(page.must), "\(page.name) does not mention \(page.must)")
            #expect(Chromium.externalReferences(text) == [])
            #expect(try Chromium.render(html, to: html + ".png") == [])
        }
        let summary = dir + "/summary.html"
        let batch = try CLI.run(["validate", "--quiet", "--summary-html", summary] + trust + [c])
        #expect([1, 2, 3].contains(batch.status), "\(batch.stderr)")
        let text = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(text.contains("lta-p256.asice") && text.contains("<svg"))
        #expect(try Chromium.render(summary, to: summary + ".png") == [])
    }
}
