import Findings
import Foundation
@testable import Reports
import TestSupport
import Testing
import Trust
import Validation

/// The reports read the container verdict and the decisive constraint from the result; they
/// decide nothing themselves.
@Suite("Reports")
struct ReportTests {
    static func validate(_ name: String) throws -> ContainerValidation {
        let set = try OwnVectors.load()
        let store = TrustStore(services: set.services, anchors: [])
        return Validator(policy: .dssDefault, store: store).validate(path: OwnVectors.root + "/containers/" + name)
    }

    @Test func textLeadsWithTheVerdictAndNamesTheDecisiveConstraint() throws {
        let passed = try Self.validate("lt-p256.asice").text()
        #expect(passed.hasPrefix("✓ PASSED"))
        let failed = try Self.validate("hash-failure.asice")
        let text = failed.text()
        #expect(text.hasPrefix("✗ FAILED"))
        let decision = try #require(failed.signatures.first?.decision)
        #expect(text.contains("[\(decision.block) \(decision.constraint.key)]"))
    }

    /// People read what a failed or undecided signature's qualification means; JSON keeps DSS's label.
    @Test func qualificationInWordsForPeopleAndDSSLabelsInJSON() throws {
        let failed = try Self.validate("sig-crypto-failure.asice")
        #expect(failed.text().contains("qualified certificate on a QSCD, but the signature is not valid"))
        #expect(failed.html(generator: "test").contains("qualified certificate on a QSCD, but the signature is not valid"))
        #expect(failed.json.serialized(pretty: false).contains("\"Not AdES but QC with QSCD\""))
        let undecided = try Self.validate("revoked.asice")
        #expect(undecided.text().contains("QESig not established (signature indeterminate)"))
        #expect(undecided.json.serialized(pretty: false).contains("\"Indeterminate QESig\""))
    }

    @Test func jsonCarriesVerdictReasonsAndDecidedBy() throws {
        let result = try Self.validate("sig-crypto-failure.asice")
        let data = Data(result.json.serialized(pretty: false).utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["verdict"] as? String == "FAILED")
        #expect((object["verdictReasons"] as? [String])?.isEmpty == false)
        let signature = try #require((object["signatures"] as? [[String: Any]])?.first)
        let decided = try #require(signature["decidedBy"] as? [String: Any])
        #expect(decided["block"] as? String == "CV")
        #expect(decided["key"] as? String == "BBB_CV_ISI")
        #expect(decided["outcome"] as? String == "FAILED")
    }

    @Test func htmlEscapesWhatTheContainerNames() {
        #expect(HTML.escape("<script>\"&'") == "&lt;script&gt;&quot;&amp;&#39;")
        // Not characters (XML 1.0 forbids them): the ETSI XML report, which uses this escaper, stays well-formed.
        #expect(HTML.escape("a\u{FFFF}b\u{FFFE}") == "a\\uFFFFb\\uFFFE")
    }
}

/// Report amplification: a manifest of 100 000 entries without files yields one finding per
/// entry; every report keeps the first 20 of a key and one finding that gives the count.
@Suite("Reports of hostile containers stay small")
struct AmplificationTests {
    @Test func repeatedFindingsAreCountedNotRepeated() throws {
        let dir = try scratchFolder()
        let script = """
        import sys, zipfile
        entries = ''.join('<manifest:file-entry manifest:full-path="ghost%d.txt" manifest:media-type="text/plain"/>' % i for i in range(100000))
        m = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
             '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.etsi.asic-e+zip"/>'
             '<manifest:file-entry manifest:full-path="a.txt" manifest:media-type="text/plain"/>' + entries + '</manifest:manifest>')
        with zipfile.ZipFile(sys.argv[1], 'w') as z:
            z.writestr(zipfile.ZipInfo('mimetype'), 'application/vnd.etsi.asic-e+zip')
            z.writestr('a.txt', 'hello', zipfile.ZIP_DEFLATED)
            z.writestr('META-INF/manifest.xml', m, zipfile.ZIP_DEFLATED)
        """
        _ = try tool(["python3", "-c", script, dir + "/amp.asice"])
        let result = Validator(policy: .dssDefault, store: .empty).validate(path: dir + "/amp.asice")
        let findings = try #require(result.document?.container.findings)
        #expect(findings.filter { $0.key == "asic.manifest.file-missing" }.count == 21)
        #expect(findings.contains { $0.message.contains("100000 in all") })
        let json = result.json.serialized(pretty: true)
        #expect(json.utf8.count < 50_000, "\(json.utf8.count) bytes of JSON")
        #expect(result.text().utf8.count < 20_000)
        #expect(result.html().utf8.count < 80_000)
        #expect(result.verdict == .noSignature)
    }

    @Test func aggregationKeepsOrderLevelAndCount() {
        let many = (0..<30).map { Finding.warning("k", "w\($0)") } + [Finding.error("k", "e"), .info("other", "x")]
        let out = many.aggregated(limit: 20)
        #expect(out.count == 22)
        #expect(out.prefix(20).map(\.message) == (0..<20).map { "w\($0)" })
        #expect(out.last?.level == .error)
        #expect(out.last?.message.contains("11 more") == true)
        #expect(Array(many.prefix(5)).aggregated(limit: 20).count == 5)
    }

    /// Findings are aggregated per signature and again per container: the second pass must not
    /// count the first pass's summary as one more finding.
    @Test func aggregatingTwiceKeepsTheCount() {
        let many = (0..<30).map { Finding.warning("k", "w\($0)") }
        let once = many.aggregated(limit: 20)
        #expect(once.aggregated(limit: 20) == once)
        #expect(once.last?.message.contains("(30 in all)") == true)
        let merged = (once + (0..<25).map { Finding.warning("k", "v\($0)") }).aggregated(limit: 20)
        #expect(merged.count == 21)
        #expect(merged.last?.omitted == 35)
        #expect(merged.last?.message.contains("(55 in all)") == true)
    }
}

/// `asic summary` reads reports written apart, so their fields are anyone's text: the summary
/// lines neutralise terminal controls in indications and sub-indications too.
@Suite("Summary of reports written apart")
struct SummaryTerminalTests {
    @Test func indicationsFromReportsCannotDriveTheTerminal() {
        let evil = "TOTAL-FAILED\u{1B}]0;pwned\u{7}\u{1B}[2J"
        var summary = BatchSummary()
        summary.add(.init(verdict: "FAILED", subIndications: [evil], row: ""))
        var rows = [BatchSummary.row(["a.asice", "FAILED", evil, "", "why\u{202E}"])]
        let failures = BatchSummary.failures { rows.isEmpty ? nil : rows.removeFirst().trimmingCharacters(in: .newlines) }
        let text = summary.text(seconds: nil, failures: failures, interrupted: false)
        #expect(!text.contains("\u{1B}") && !text.contains("\u{7}") && !text.contains("\u{202E}"), "\(text.debugDescription)")
        #expect(text.contains("\\e]0;pwned"))
    }
}

