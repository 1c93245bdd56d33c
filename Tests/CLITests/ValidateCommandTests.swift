import Foundation
import TestSupport
import Testing

private var schemaPath: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("schema/validation-report.schema.json").path
}

@Suite("asic validate", .enabled(if: SharedCorpus.folder != nil, "../shared/vectors is absent"))
struct ValidateCommandTests {
    @Test func exitCodesFollowTheContract() throws {
        let vectors = try #require(SharedCorpus.folder)
        let cache = try scratchFolder()
        let c = vectors + "/containers/"
        let cases: [([String], Int32)] = [
            ([c + "siva/TEST_ESTEID2018_ASiC-E_XAdES_LT.sce"], 0),
            ([c + "libdigidocpp/forged_lt.asice"], 1),
            ([c + "siva/AsiceContainerNoSignature.asice"], 1),
            ([c + "dss/dss-signed.xml"], 2),
            ([c + "digidoc4j/notABDoc.bdoc"], 3),
            ([c + "dss/dss-signed.xml", c + "libdigidocpp/forged_lt.asice"], 1),
            ([c + "libdigidocpp/forged_lt.asice", c + "digidoc4j/notABDoc.bdoc", c + "dss/dss-signed.xml"], 3),
            ([c + "siva/TEST_ESTEID2018_ASiC-E_XAdES_LT.sce", c + "dss/dss-signed.xml"], 2),
        ]
        for (files, expected) in cases {
            let result = try CLI.run(["validate", "--quiet"] + SharedTrust.arguments(cache: cache) + files)
            #expect(result.status == expected, "\(files.map { $0.split(separator: "/").last ?? "" }): \(result.stderr)")
        }
        let refused = try CLI.run(["validate"] + SharedTrust.arguments(cache: cache) + [c + "digidoc4j/notABDoc.bdoc"])
        #expect(refused.stderr.hasPrefix("asic: \(c)digidoc4j/notABDoc.bdoc: not an ASiC container"))
        #expect(try CLI.run(["validate", "--at", "yesterday", c + "dss/dss-signed.xml"]).status == 64)
        #expect(try CLI.run(["validate", "--policy", "nonexistent", c + "dss/dss-signed.xml"]).status == 64)
    }

    @Test func jsonOfTheWholeCorpusMatchesTheSchema() throws {
        let cache = try scratchFolder()
        let corpus = try #require(SharedCorpus.load())
        let files = corpus.rows.map(corpus.path)
        let result = try CLI.run(["validate", "--format", "json"] + SharedTrust.arguments(cache: cache) + files)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == files.count)
        let reports = dirOf(result.stdout)
        // Independent check with python's jsonschema (Draft 2020-12).
        let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        validator = jsonschema.Draft202012Validator(schema)
        bad = 0
        for number, line in enumerate(open(sys.argv[2]), 1):
            for error in validator.iter_errors(json.loads(line)):
                bad += 1
                print(f"line {number}: {error.json_path}: {error.message}"[:300])
        sys.exit(1 if bad else 0)
        """
        let check = try runPython(script, [schemaPath, reports])
        #expect(check.status == 0, "\(check.stdout)")
        // Spot checks of contract fields.
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["file"] as? String == files[0])
    }

    private func dirOf(_ text: String) -> String {
        let path = NSTemporaryDirectory() + "asic-reports-" + UUID().uuidString + ".jsonl"
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    private func runPython(_ script: String, _ arguments: [String]) throws -> CLI.Result {
        let result = try Subprocess.run(["python3", "-c", script] + arguments, stderr: .stdout)
        return CLI.Result(status: result.status, stdout: String(decoding: result.stdout, as: UTF8.self), stderr: "")
    }
}
