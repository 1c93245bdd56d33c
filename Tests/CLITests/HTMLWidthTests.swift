import Foundation
import TestSupport
import Testing

/// The HTML pages never scroll sideways at phone, laptop and wide-screen widths: long container
/// paths, signer names and finding keys wrap or scroll inside their own table.
@Suite("HTML width", .enabled(if: Chromium.path != nil, "chromium is not installed"))
struct HTMLWidthTests {
    @Test func noPageScrollsSideways() throws {
        let dir = try scratchFolder()
        let deep = dir + "/an/archive/folder/with/a/rather/long/name/that/keeps/going/for/a/while"
        try FileManager.default.createDirectory(atPath: deep, withIntermediateDirectories: true)
        for name in ["lt-p256.asice", "unknown-status.asice", "sig-crypto-failure.asice", "mimetype-not-first.asice", "lt-two-signatures.asice"] {
            try FileManager.default.copyItem(atPath: OwnVectors.root + "/containers/" + name, toPath: deep + "/" + name)
        }
        let trust = OwnVectors.arguments(cache: dir + "/cache")
        _ = try CLI.run(["validate", "--quiet", "--summary-html", dir + "/summary.html"] + trust + [dir + "/an"])
        var pages = [dir + "/summary.html"]
        for name in ["unknown-status.asice", "mimetype-not-first.asice", "lt-two-signatures.asice"] {
            let page = dir + "/\(name).html"
            _ = try CLI.run(["validate", "--format", "html", "--output", page] + trust + [deep + "/" + name])
            pages.append(page)
        }
        let summary = try String(contentsOfFile: dir + "/summary.html", encoding: .utf8)
        #expect(!summary.contains(">\(deep)/"), "paths are shown relative to the folder given")
        for page in pages {
            for width in [390, 1100, 1600] {
                let measured = try #require(try Chromium.widths(page, at: width), "\(page) at \(width) px was not measured")
                #expect(measured.scroll <= measured.window, "\(page) at \(width) px is \(measured.scroll) px wide")
            }
        }
    }
}
