import Foundation
import Testing

private var vectorsFolder: String? {
    var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    for _ in 0..<6 {
        dir = dir.deletingLastPathComponent()
        let candidate = dir.appendingPathComponent("shared/vectors").path
        if FileManager.default.fileExists(atPath: candidate + "/MANIFEST.tsv") { return candidate }
    }
    return nil
}

/// Every format for the whole corpus, and the HTML pages rendered by a real headless Chromium
/// that must make no external request and log no console message.
@Suite("Report formats", .enabled(if: vectorsFolder != nil, "../shared/vectors is absent"))
struct ReportFormatTests {
    func trust(_ vectors: String, _ cache: String) -> [String] {
        ["--offline", "--cache-dir", cache, "--tsl", vectors + "/trust/test-tl/tl-mp-test-EE.xml",
         "--tsl-cert", vectors + "/trust/test-tl/trusted-test-tsl.crt"]
    }

    func corpusFiles(_ vectors: String) throws -> [String] {
        try String(contentsOfFile: vectors + "/MANIFEST.tsv", encoding: .utf8).split(separator: "\n").dropFirst()
            .map { vectors + "/" + $0.split(separator: "\t")[0] }
    }

    @Test func everyFormatForEveryCorpusFile() throws {
        let vectors = try #require(vectorsFolder)
        let cache = try scratch()
        var problems: [String] = []
        for file in try corpusFiles(vectors) {
            for format in ["text", "html", "etsi"] {
                let result = try CLI.run(["validate", "--format", format] + trust(vectors, cache) + [file])
                guard [0, 1, 2, 3].contains(result.status), !result.stdout.isEmpty else {
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
        let vectors = try #require(vectorsFolder)
        let dir = try scratch()
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
            _ = try CLI.run(["validate", "--format", "html", "--output", page] + trust(vectors, dir) + files)
            rendered.append(page)
        }
        let summary = dir + "/summary.html"
        let batch = try CLI.run(["validate", "--quiet", "--summary-html", summary] + trust(vectors, dir) + [c + "siva", c + "dss"])
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xmllint", "--noout", path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
