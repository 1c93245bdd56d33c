import DDOC
import TestSupport
import ASiC
import Findings
import Foundation
import PKI
import Testing
import Trust
@testable import Validation

/// `validate` on every decidable row of the shared corpus with the shared test trust, offline:
/// indication (and sub-indication where the row asserts one) must agree. No false accept.
@Suite("Shared corpus: conformance", .enabled(if: SharedCorpus.load() != nil && SharedTrust.available, "../shared/vectors is absent"))
struct ConformanceTests {
    static func store() throws -> TrustStore { try SharedTrust.store() }

    /// The policy the source validated with: DSS rows the DSS default, SiVa POLv3 rows the EE
    /// policy without the QES requirement, every other row the EE policy (SiVa POLv4).
    static func policy(for row: SharedCorpus.Row) -> ValidationPolicy {
        if row.path.hasPrefix("containers/dss/") { return .dssDefault }
        if row.notes.contains("policy:POLv3") { return .eeAnyLevel }
        return .ee
    }

    /// Rows where we knowingly differ, with the reason.
    static let deviations: [String: String] = [
        "containers/siva/allkiri_ades.asice":
            "signer CA Nortal NQSK16 is not in the shared test TSL (SiVa-Test ran with its own TSL): we say INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND",
        "containers/libdigidocpp/derived-m21-t-level-only.asice":
            "a T-level signature without revocation data: libdigidocpp says Invalid (LT required), SiVa says INDETERMINATE for the same case (TEST_ESTEID2018_ASiC-E_XAdES_T.sce, expected INDETERMINATE/CERTIFICATE_CHAIN_GENERAL_FAILURE); we follow SiVa",
    ]

    @Test func agreesWithThePeers() throws {
        let corpus = try #require(SharedCorpus.load())
        let store = try Self.store()
        var decidable = 0, agree = 0, falseAccepts: [String] = [], mismatches: [String] = [], documented: [String] = []
        let started = Date()
        for row in corpus.rows where row.expect != "reject" && row.trust != "live" {
            decidable += 1
            let detached = CorpusDetached.files(row, root: corpus.root)
            let result = Validator(policy: Self.policy(for: row), store: store, ddoc: DDOCValidator(trust: try SharedTrust.ddoc()))
                .validate(path: corpus.path(row), detached: detached)
            let indications = result.signatures.map(\.indication) + result.tokens.map(\.indication)
            let worst = indications.max()
            let subs = result.signatures.map(\.subIndication) + result.tokens.map(\.subIndication)
            let expected: String
            switch row.expect {
            case "valid", "warning": expected = row.notes.contains("network") ? "INDETERMINATE" : "TOTAL-PASSED"
            case "invalid": expected = "TOTAL-FAILED"
            case "indeterminate": expected = "INDETERMINATE"
            default: expected = "NO-SIGNATURE"
            }
            let ours = result.error != nil ? "REFUSED" : (worst?.rawValue ?? "NO-SIGNATURE")
            var ok = ours == expected
            if ok, row.subindication != "-" {
                ok = subs.contains { $0?.rawValue == row.subindication }
            }
            let detail = zip(result.signatures.map(\.indication), result.signatures.map(\.subIndication))
                .map { "\($0.0.rawValue)/\($0.1?.rawValue ?? "-")" }.joined(separator: ",")
            if ok {
                agree += 1
            } else if Self.deviations[row.path] != nil {
                documented.append(row.path)
            } else {
                mismatches.append("\(row.path): expected \(expected)/\(row.subindication), got \(ours) [\(detail)] \(result.signatures.first.map { $0.findings.filter { $0.level == .error }.prefix(2).map(\.message).joined(separator: " | ") } ?? "")")
            }
            if ours == "TOTAL-PASSED" && expected != "TOTAL-PASSED" { falseAccepts.append(row.path) }
        }
        let elapsed = Date().timeIntervalSince(started)
        // Documented deviations count as disagreements here.
        let percent = Double(agree) / Double(max(decidable, 1)) * 100
        print("conformance: \(decidable) decidable rows, \(agree) agree, \(documented.count) documented deviations, \(mismatches.count) mismatches, \(falseAccepts.count) false accepts, \(String(format: "%.1f", percent))% agreement, \(String(format: "%.2f", elapsed)) s")
        for line in mismatches { print("  MISMATCH \(line)") }
        print("\(agree + documented.count) passed, \(mismatches.count) failed")
        #expect(falseAccepts == [])
        #expect(mismatches == [])
        #expect(Set(documented) == Set(Self.deviations.keys))
        #expect(percent >= 95)
    }

    /// Rows whose verdict needs the production trusted lists: offline, only the trust-free part is
    /// decidable (CV must agree with the `crypto` column), and nothing expected bad may pass.
    @Test func liveRowsAgreeOnCryptographyAndNeverFalselyPass() throws {
        let corpus = try #require(SharedCorpus.load())
        let store = try Self.store()
        var checked = 0, problems: [String] = []
        for row in corpus.rows where row.trust == "live" && row.expect != "reject" {
            let result = Validator(policy: Self.policy(for: row), store: store).validate(path: corpus.path(row))
            let cvPassed = result.signatures.allSatisfy { $0.block("CV")?.status == .passed }
            if row.crypto == "ok" && !cvPassed { problems.append("\(row.path): CV failed, crypto ok expected") }
            if ["hash-failure", "sig-failure", "not-found"].contains(row.crypto) && cvPassed { problems.append("\(row.path): CV passed, \(row.crypto) expected") }
            if ["invalid", "indeterminate"].contains(row.expect), result.signatures.contains(where: { $0.indication == .totalPassed }),
               !row.notes.contains("S1=TOTAL_PASSED") {
                problems.append("\(row.path): false accept")
            }
            checked += 1
        }
        print("live rows: \(checked) checked on cryptography, \(problems.count) problems")
        #expect(problems == [])
    }
}

enum CorpusDetached {
    static func files(_ row: SharedCorpus.Row, root: String) -> [String] {
        guard let token = row.notes.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) })
            .first(where: { $0.hasPrefix("detached:") }) else { return [] }
        return token.dropFirst("detached:".count).split(separator: ",").map { root + "/" + $0.trimmingCharacters(in: .whitespaces) }
    }
}
