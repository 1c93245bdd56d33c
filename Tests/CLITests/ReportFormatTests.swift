import Foundation
import TestSupport
import Testing

/// Every format for the whole corpus, and the HTML pages rendered by a real headless Chromium
/// that must make no external request and log no console message.
@Suite("Report formats", .enabled(if: SharedCorpus.folder != nil, "../shared/vectors is absent"))
struct ReportFormatTests {
    @Test func everyFormatForEveryCorpusFile() throws {
        let vectors = try #require(SharedCorpus.folder)
        let cache = try scratchFolder()
        var problems: [String] = []
        for file in try #require(SharedCorpus.load()).rows.map({ vectors + "/" + $0.path }) {
            for format in ["text", "html", "etsi"] {
                let result = try CLI.run(["validate", "--format", format] + SharedTrust.arguments(cache: cache) + [file])
                // A text report of an unreadable input is its one-line error on stderr, said once.
                let saidOnce = format == "text" && result.status == 3 && result.stdout.isEmpty && result.stderr.hasPrefix("asic: ")
                guard [0, 1, 2, 3].contains(result.status), !result.stdout.isEmpty || saidOnce else {
                    problems.append("\(file) \(format): status \(result.status)")
                    continue
                }
                if format == "html" {
                    let external = Chromium.externalReferences(result.stdout)
                    if !external.isEmpty { problems.append("\(file): external references \(external)") }
                }
                if format == "etsi", result.status != 3 {
                    let path = cache + "/report.xml"
                    try Data(result.stdout.utf8).write(to: URL(fileURLWithPath: path))
                    if try lint(path) != 0 { problems.append("\(file): ETSI report is not well-formed XML") }
                }
            }
        }
        #expect(problems == [])
    }

    @Test(.enabled(if: Chromium.path != nil, "chromium is not installed"))
    func htmlRendersInChromiumWithoutRequestsOrConsoleMessages() throws {
        let vectors = try #require(SharedCorpus.folder)
        let dir = try scratchFolder()
        let c = vectors + "/containers/"
        let pages: [(String, [String])] = [
            ("valid", [c + "siva/TEST_ESTEID2018_ASiC-E_XAdES_LTA.sce"]),
            ("invalid", [c + "libdigidocpp/forged_lt.asice"]),
            ("multi", [c + "siva/TwoValidTmSignaturesWithRolesAndProductionPlace.bdoc"]),
            ("refused", [c + "digidoc4j/notABDoc.bdoc"]),
        ]
        var rendered: [String] = []
        for (name, files) in pages {
            let page = dir + "/\(name).html"
            _ = try CLI.run(["validate", "--format", "html", "--output", page] + SharedTrust.arguments(cache: dir) + files)
            rendered.append(page)
        }
        let summary = dir + "/summary.html"
        let batch = try CLI.run(["validate", "--quiet", "--summary-html", summary] + SharedTrust.arguments(cache: dir) + [c + "siva", c + "dss"])
        #expect([1, 2, 3].contains(batch.status))
        rendered.append(summary)
        for page in rendered {
            let html = try String(contentsOfFile: page, encoding: .utf8)
            #expect(Chromium.externalReferences(html) == [], "\(page)")
            let png = page + ".png"
            let problems = try Chromium.render(page, to: png)
            #expect(problems.isEmpty, "\(page): \(problems)")
        }
    }

    private func lint(_ path: String) throws -> Int32 {
        try Subprocess.run(["xmllint", "--noout", path], stderr: .null).status
    }
}
