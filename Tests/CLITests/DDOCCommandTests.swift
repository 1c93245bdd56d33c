import Foundation
import TestSupport
import Testing

/// `asic validate` on legacy DDOC files: routed by name or content, the contract's verdicts and
/// exit codes, SiVa's texts, the JSON schema, and --trust-anchors in place of the bundled SK set.
@Suite("asic validate: DDOC", .enabled(if: SharedCorpus.folder != nil, "../shared/vectors is absent"))
struct DDOCCommandTests {
    static var folder: String { (SharedCorpus.folder ?? "") + "/ddoc/containers/siva/" }

    @Test func exitCodesFollowTheContract() throws {
        let cases: [(String, Int32)] = [
            ("18912.ddoc", 0), ("SK-XML1.0.ddoc", 0), ("DIGIDOC-XML1.2_hashcode.ddoc", 0),
            ("cert-revoked.ddoc", 1), ("DdocContainerNoSignature.ddoc", 1), ("xml_entity.ddoc", 3), ("KS-02_tyhi.ddoc", 3),
        ]
        for (name, expected) in cases {
            let result = try CLI.run(["validate", "--offline", "--quiet", Self.folder + name])
            #expect(result.status == expected, "\(name): \(result.stderr)")
            // No EU list is needed, so none is complained about.
            #expect(!result.stderr.contains("eu-lotl"), "\(name): \(result.stderr)")
        }
        let text = try CLI.run(["validate", "--offline", Self.folder + "18912.ddoc"]).stdout
        #expect(text.hasPrefix("✓ PASSED") && text.contains("Bad digest for DataFile: D0 alternate digest matches!"), "\(text)")
        let refused = try CLI.run(["validate", "--offline", Self.folder + "xml_entity.ddoc"])
        #expect(refused.stderr.contains("Document malformed or not matching documentType"), "\(refused.stderr)")
    }

    /// A DDOC is recognised by its content too (a copy named .xml given explicitly).
    @Test func aDDOCNamedOtherwiseIsStillADDOC() throws {
        let copy = try scratchFolder() + "/contract.xml"
        try FileManager.default.copyItem(atPath: Self.folder + "18912.ddoc", toPath: copy)
        let result = try CLI.run(["validate", "--offline", "--format", "json", copy])
        #expect(result.status == 0 && result.stdout.contains("\"containerType\": \"DDOC\""), "\(result.stdout)\(result.stderr)")
    }

    /// --trust-anchors replaces the bundled SK certificates: the TEST set trusts the TEST files
    /// and no longer the production ones.
    @Test func trustAnchorsReplaceTheBundledSet() throws {
        let test = (SharedCorpus.folder ?? "") + "/ddoc/trust/test"
        #expect(try CLI.run(["validate", "--offline", "--quiet", Self.folder + "valid_XML1_3.ddoc"]).status == 1)
        #expect(try CLI.run(["validate", "--offline", "--quiet", "--trust-anchors", test, Self.folder + "valid_XML1_3.ddoc"]).status == 0)
        #expect(try CLI.run(["validate", "--offline", "--quiet", "--trust-anchors", test, Self.folder + "18912.ddoc"]).status == 1)
    }

    @Test func jsonOfEveryDDOCMatchesTheSchema() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder).filter { $0.hasSuffix(".ddoc") }.sorted().map { Self.folder + $0 }
        let result = try CLI.run(["validate", "--offline", "--format", "json"] + files)
        #expect(result.stdout.split(separator: "\n").count == files.count)
        let reports = try scratchFolder() + "/reports.jsonl"
        try write(result.stdout, to: reports)
        let script = """
        import json, sys, jsonschema
        validator = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
        bad = [f"line {n}: {e.json_path}: {e.message}"[:300] for n, line in enumerate(open(sys.argv[2]), 1) for e in validator.iter_errors(json.loads(line))]
        print("\\n".join(bad)); sys.exit(1 if bad else 0)
        """
        let schema = OwnVectors.root + "/../schema/validation-report.schema.json"
        let check = try Subprocess.run(["python3", "-c", script, schema, reports], stderr: .stdout)
        #expect(check.status == 0, "\(String(decoding: check.stdout, as: UTF8.self))")
    }
}
