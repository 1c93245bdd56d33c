import ASiC
import Findings
import Foundation
import PKI
import TestSupport
import Testing
import Trust
@testable import Validation

/// Every vector of our own set (`TestVectors/generate.py`) validates to the indication and
/// sub-indication its MANIFEST.tsv gives, with the bundled test trust, offline.
@Suite("Own test vectors")
struct OwnVectorTests {
    static func store(variant: String? = nil) throws -> TrustStore {
        let set = try OwnVectors.load(variant: variant)
        #expect(set.lists.count == 1 && set.lists.allSatisfy(\.isUsable), "\(set.findings.map(\.message))")
        return TrustStore(services: set.services, anchors: [])
    }

    /// The value of `prefix` in the semicolon-separated notes (`tsl:qcforesig` → `qcforesig`).
    static func token(_ prefix: String, in notes: String) -> String? {
        notes.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.hasPrefix(prefix) }
            .map { String($0.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces) }
            .map { $0.split(separator: " ").first.map(String.init) ?? $0 }
    }

    @Test func everyVectorValidatesToItsExpectedOutcome() throws {
        let corpus = try #require(OwnVectors.corpus)
        var stores: [String: TrustStore] = ["": try Self.store()]
        var checked = 0, problems: [String] = []
        var subIndications = Set<String>()
        for row in corpus.rows {
            let (path, expect, indication, sub, notes) = (row.path, row.expect, row.indication, row.subindication, row.notes)
            let policy: ValidationPolicy = notes.contains("policy:ee") ? .ee : .dssDefault
            // `tsl:NAME` validates against the trusted-list variant in pki/tsl/NAME/.
            let variant = Self.token("tsl:", in: notes) ?? ""
            if stores[variant] == nil { stores[variant] = try Self.store(variant: variant) }
            let result = Validator(policy: policy, store: try #require(stores[variant])).validate(path: corpus.path(row))
            // `qual:LABEL`: the qualification every signature must have.
            if let label = Self.token("qual:", in: notes) {
                let labels = result.signatures.map(\.qualificationLabel)
                if labels.isEmpty || labels.contains(where: { $0 != label }) { problems.append("\(path): expected qualification \(label), got \(labels)") }
            }
            checked += 1
            if expect == "reject" {
                let key = notes.split(separator: ";").first.map(String.init) ?? ""
                if result.error == nil { problems.append("\(path): expected to be refused") }
                else if !key.isEmpty, result.error?.key != key { problems.append("\(path): refused as \(result.error?.key ?? ""), expected \(key)") }
                continue
            }
            let indications = result.signatures.map(\.indication) + result.tokens.map(\.indication)
            let ours = indications.max()?.rawValue.replacingOccurrences(of: "-", with: "_") ?? "NO_SIGNATURE"
            let wanted = indication == "-" ? (expect == "invalid" ? "TOTAL_FAILED" : "?") : indication
            if ours != wanted { problems.append("\(path): expected \(wanted), got \(ours)") }
            let subs = (result.signatures.compactMap(\.subIndication) + result.tokens.compactMap(\.subIndication)).map(\.rawValue)
            if sub != "-" {
                // `A|B`: either, when the answer depends on the vectors' age (OCSP freshness at validation time).
                let accepted = sub.split(separator: "|").map(String.init)
                subIndications.formUnion(accepted)
                if !subs.contains(where: accepted.contains) { problems.append("\(path): expected \(sub), got \(subs)") }
            }
            // The container verdict: only a valid row passes, and nothing else ever does.
            if (expect == "valid" && result.verdict != .passed) || (!["valid", "warning"].contains(expect) && result.verdict == .passed) {
                problems.append("\(path): container verdict \(result.verdict.rawValue) for a row expected \(expect)")
            }
            // Rows that fail without a sub-indication name the constraint that must decide them.
            if let range = notes.range(of: #"fails [A-Z_]+"#, options: .regularExpression) {
                let key = String(notes[range].dropFirst("fails ".count))
                let decided = result.signatures.contains { $0.blocks.contains { $0.constraints.contains { $0.key == key && !$0.passed && $0.level == .fail } } }
                if !decided { problems.append("\(path): expected \(key) to fail") }
            }
            if expect == "warning" {
                let warned = (result.document?.container.findings ?? []).contains { $0.level == .warning || $0.level == .error }
                    || result.signatures.contains { $0.hasWarnings }
                if !warned { problems.append("\(path): expected a warning") }
                let key = notes.split(separator: ":").first.map(String.init) ?? ""
                if key.hasPrefix("asic."), !(result.document?.container.findings ?? []).contains(where: { $0.key == key }) {
                    problems.append("\(path): expected finding \(key)")
                }
            }
        }
        print("own vectors: \(checked) checked (trusted-list variants: \(stores.keys.filter { !$0.isEmpty }.sorted().joined(separator: ", "))), \(problems.count) problems, \(subIndications.count) distinct sub-indications: \(subIndications.sorted().joined(separator: ", "))")
        #expect(checked >= 40)
        #expect(problems == [])
    }
}
