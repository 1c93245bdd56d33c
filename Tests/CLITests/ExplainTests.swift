import Foundation
import TestSupport
import Testing

/// `asic explain` answers from the manual and the reports' own words, and the compiled manual
/// entries are those of man/asic.1.
@Suite("asic explain")
struct ExplainTests {
    @Test(arguments: [("TRY_LATER", "What to do:"), ("try-later", "TRY_LATER: a sub-indication of INDETERMINATE"),
                      ("zip.not-zip", "Refused"), ("BBB_XCV_IRDC", "(XCV; FAIL, FAIL; TRY_LATER)"),
                      ("crl.unusable", "(error)"), ("PASSED", "TOTAL-PASSED")])
    func knownNamesAreExplained(name: String, expected: String) throws {
        let result = try CLI.run(["explain", name])
        #expect(result.status == 0)
        #expect(result.stdout.contains(expected), "\(result.stdout)")
    }

    @Test func anUnknownNameIsAUsageError() throws {
        let result = try CLI.run(["explain", "no.such\u{1b}[2Jkey"])
        #expect(result.status == 64)
        #expect(!result.stderr.contains("\u{1b}"), "attacker text reaches the terminal")
    }

    @Test func theCompiledEntriesFollowTheManual() throws {
        let root = URL(fileURLWithPath: OwnVectors.root).deletingLastPathComponent().path
        _ = try tool(["python3", root + "/scripts/embed-man-keys.py", "--check"])
    }
}
