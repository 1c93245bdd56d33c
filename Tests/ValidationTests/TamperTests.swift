import Foundation
import PKI
import TestSupport
import Testing
import Trust
@testable import Validation

/// The forgeries a fail-open validator would accept (`TestVectors/tamper.py`): every TOTAL-PASSED
/// container of our own vectors and of the shared corpus, mutated one way at a time — every
/// attribute, text node and element of SignedInfo and SignedProperties, the data-file swap with a
/// recomputed DigestValue alone and with each SignedInfo change and each wrong SignatureMethod,
/// the SignatureValue emptied/zeroed/truncated/flipped/foreign, data files changed, added, removed
/// and renamed, the KeyInfo certificate replaced, an OCSP response and a time-stamp re-issued by an
/// ordinary certificate of the same CA. Every mutant is validated under both policies: never
/// PASSED, never exit 0, the hit signature never TOTAL-PASSED (except an added file, which the
/// container verdict refuses), and its sub-indication one the kind allows. The control (the base
/// rewritten with no change) must still pass, so a broken generator cannot pass this test.
@Suite("Tamper: every mutant of every valid container is refused")
struct TamperTests {
    /// Mutants per kind and base; every kind on every base at least once.
    static let perKind = ProcessInfo.processInfo.environment["ASIC_TAMPER_PER_KIND"].flatMap(Int.init) ?? 3

    struct Base {
        let path: String
        let store: TrustStore
    }

    static func bases() throws -> [Base] {
        var bases: [Base] = []
        // Each own vector with the trusted-list variant its row names (`tsl:NAME`), as
        // OwnVectorTests validates it: under another list a time-stamp may prove nothing, and the
        // vector then passes only while its OCSP response is younger than a day.
        var stores: [String: TrustStore] = [:]
        let corpus = try #require(OwnVectors.corpus)
        for row in corpus.rows where row.expect == "valid" {
            let variant = OwnVectorTests.token("tsl:", in: row.notes) ?? ""
            if stores[variant] == nil { stores[variant] = try OwnVectorTests.store(variant: variant.isEmpty ? nil : variant) }
            bases.append(Base(path: corpus.path(row), store: try #require(stores[variant])))
        }
        if let shared = SharedCorpus.load(), SharedTrust.available {
            let store = try SharedTrust.store()
            for row in shared.rows where row.trust == "test-tl" && ["valid", "warning"].contains(row.expect) {
                let path = shared.path(row)
                guard [".asice", ".sce", ".bdoc", ".asics", ".scs"].contains(where: path.hasSuffix) else { continue }
                // Only what we accept today is a base: a mutant of it must not be.
                if Validator(policy: .dssDefault, store: store).validate(path: path).verdict == .passed {
                    bases.append(Base(path: path, store: store))
                }
            }
        }
        return bases
    }

    struct Mutant {
        let file: String
        let base: String
        let kind: String
        let detail: String
        let expected: Set<String>

        /// `[signatures0.xml#S0]` at the start of the detail: the signature that was hit.
        var target: (file: String, id: String)? {
            guard detail.hasPrefix("["), let close = detail.firstIndex(of: "]") else { return nil }
            let inner = detail[detail.index(after: detail.startIndex)..<close]
            guard let hash = inner.firstIndex(of: "#") else { return nil }
            return ("META-INF/" + inner[..<hash], String(inner[inner.index(after: hash)...]))
        }
    }

    /// Unsigned properties are anyone's to add, remove, reorder, duplicate or lift from another
    /// container: on the containers that do NOT pass (revoked, foreign time-mark, stale OCSP …)
    /// no addition, duplication or reordering may produce a pass. A removal may leave a signature
    /// without evidence, judged as of now with fresh revocation like one that never had it: that
    /// pass may claim no proven time. And a base that waits for a better answer (TRY_LATER: its
    /// responder said "unknown") may pass with a trusted response about the same signer produced
    /// later: that is the answer it was waiting for (the latest acceptable response counts,
    /// `RevocationChoice`); a revocation can never be undone that way. A signature time-stamp
    /// lifted from another container whose imprint covers *this* SignatureValue (the donor is a
    /// copy of the same signature) is not foreign evidence: its imprint binds it to this signature.
    @Test(.timeLimit(.minutes(10)))
    func unsignedPropertiesCannotTurnARefusalIntoAPass() throws {
        let own = try OwnVectorTests.store()
        let corpus = try #require(OwnVectors.corpus)
        let rows = corpus.rows.filter { ["invalid", "indeterminate"].contains($0.expect) && !$0.notes.contains("tsl:") }
        #expect(rows.count >= 20)
        let out = try scratchFolder() + "/unsigned"
        _ = try tool(["python3", OwnVectors.root + "/tamper.py", "--out", out, "--per-kind", "\(Self.perKind)",
                      "--kinds", "up-remove,up-duplicate,up-reorder,up-foreign"] + rows.map(corpus.path))
        let text = try String(contentsOfFile: out + "/MUTANTS.tsv", encoding: .utf8)
        var problems: [String] = [], checked = 0, removedToUnproven = 0, answeredLater = 0
        var bases: [String: ContainerVerdict] = [:], waiting: [String: Bool] = [:], covering: [String: Int] = [:]
        var coveredSame = 0
        func intactSignatureTimestamps(_ result: ContainerValidation) -> Int {
            result.signatures.reduce(0) { $0 + $1.context.timestamps.filter { $0.kind == .signature && $0.imprintIntact }.count }
        }
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let row = try #require(rows.first { corpus.path($0) == f[1] })
            let policy: ValidationPolicy = row.notes.contains("policy:ee") ? .ee : .dssDefault
            if bases[f[1]] == nil {
                let result = Validator(policy: policy, store: own).validate(path: f[1])
                bases[f[1]] = result.verdict
                waiting[f[1]] = result.signatures.count == 1 && result.signatures[0].subIndication == .tryLater
                covering[f[1]] = intactSignatureTimestamps(result)
            }
            let base = bases[f[1]]!
            guard base != .passed else { continue }
            let result = Validator(policy: policy, store: own).validate(path: out + "/" + f[0])
            checked += 1
            guard result.verdict == .passed else { continue }
            if f[2] == "up-remove", result.signatures.allSatisfy({ $0.context.proofOfExistence == nil }) {
                removedToUnproven += 1
                continue
            }
            if f[2] == "up-foreign", waiting[f[1]] == true, f[3].contains("EncapsulatedOCSPValue"),
               result.signatures.allSatisfy({ $0.context.revocationAnswer?.status?.status == .good }) {
                answeredLater += 1
                continue
            }
            if f[2] == "up-foreign", f[3].contains("SignatureTimeStamp of"),
               intactSignatureTimestamps(result) > covering[f[1]]! {
                coveredSame += 1
                continue
            }
            problems.append("\(f[0]) [\(policy.name)] \(f[2]): \(f[3]): PASSED, the base is \(base.rawValue)")
        }
        print("tamper: \(checked) unsigned-property mutants of \(bases.count) refused containers, \(problems.count) passed, \(removedToUnproven) removals left an unproven signature judged as of now, \(answeredLater) TRY_LATER bases got a later trusted answer, \(coveredSame) lifted time-stamps cover this very signature")
        #expect(checked > 100)
        #expect(problems.isEmpty, Comment(rawValue: problems.prefix(20).joined(separator: "\n")))
    }

    @Test(.timeLimit(.minutes(10)))
    func everyMutantIsRefused() throws {
        let bases = try Self.bases()
        #expect(bases.count >= 12)
        let out = try scratchFolder() + "/mutants"
        let started = Date()
        _ = try tool(["python3", OwnVectors.root + "/tamper.py", "--out", out, "--per-kind", "\(Self.perKind)",
                      "--pki", OwnVectors.root + "/pki"] + bases.map(\.path))
        let generated = Date().timeIntervalSince(started)
        let text = try String(contentsOfFile: out + "/MUTANTS.tsv", encoding: .utf8)
        let mutants = text.split(separator: "\n").dropFirst().map { line -> Mutant in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Mutant(file: f[0], base: f[1], kind: f[2], detail: f[3], expected: Set(f[4].split(separator: ",").map(String.init)))
        }
        let stores = Dictionary(bases.map { ($0.path, $0.store) }, uniquingKeysWith: { first, _ in first })
        var problems: [String] = []
        var outcomes: [String: Int] = [:]
        var kinds: [String: Int] = [:]
        var basesByKind: [String: Set<String>] = [:]
        var validations = 0
        var basePasses: [String: Bool] = [:]
        var baseResults: [String: ContainerValidation] = [:]
        for mutant in mutants {
            let store = try #require(stores[mutant.base])
            kinds[mutant.kind, default: 0] += 1
            basesByKind[mutant.kind, default: []].insert(mutant.base)
            for policy in [ValidationPolicy.dssDefault, .ee] {
                let result = Validator(policy: policy, store: store).validate(path: out + "/" + mutant.file)
                validations += 1
                let name = "\(mutant.file) [\(policy.name)] \(mutant.kind): \(mutant.detail)"
                if mutant.expected.contains("NOT_BETTER") {
                    // Unsigned properties (added, removed, reordered, duplicated, lifted): no pass the base
                    // does not have, and no earlier proven time. (Removing the evidence behind a
                    // failure may leave INDETERMINATE: that is EN 319 102-1, not an improvement.)
                    let key = mutant.base + "\u{0}" + policy.name
                    let base = try baseResults[key] ?? {
                        let result = Validator(policy: policy, store: try #require(stores[mutant.base])).validate(path: mutant.base)
                        baseResults[key] = result
                        return result
                    }()
                    outcomes["unsigned/\(result.verdict.rawValue)", default: 0] += 1
                    if result.verdict == .passed && base.verdict != .passed {
                        problems.append("\(name): \(result.verdict.rawValue), better than the base's \(base.verdict.rawValue)")
                    } else if result.verdict == .passed {
                        for signature in result.signatures {
                            let label = signature.context.signature.label
                            guard let original = base.signatures.first(where: { $0.context.signature.label == label }) else { continue }
                            if signature.context.bestSignatureTime < original.context.bestSignatureTime,
                               signature.context.proofOfExistence != nil {
                                problems.append("\(name): proves \(label) at \(signature.context.bestSignatureTime), earlier than the base's \(original.context.bestSignatureTime)")
                            }
                        }
                    }
                    continue
                }
                if mutant.kind == "control" {
                    if policy.name == "default", result.verdict != .passed {
                        problems.append("\(name): the unchanged control is \(result.verdict.rawValue): \(result.judgement.reasons.first ?? "")")
                    }
                    continue
                }
                if result.verdict == .passed || result.exitCode == 0 {
                    problems.append("\(name): ACCEPTED")
                    continue
                }
                if result.error != nil {
                    outcomes["NOT-PROCESSABLE", default: 0] += 1
                    continue
                }
                // The signature that was hit (or, for data kinds, every signature).
                let hit = result.signatures.filter { signature in
                    guard let target = mutant.target else { return true }
                    return signature.context.signature.file == target.file && signature.context.signature.label == target.id
                }
                let judged = hit.isEmpty ? result.signatures : hit
                let subs = judged.map { $0.indication == .totalPassed ? "SIGNED_OK" : ($0.subIndication?.rawValue ?? "NONE") }
                    + result.tokens.map { $0.indication == .totalPassed ? "SIGNED_OK" : ($0.subIndication?.rawValue ?? "NONE") }
                for sub in subs { outcomes["\(result.verdict.rawValue)/\(sub)", default: 0] += 1 }
                if subs.isEmpty { problems.append("\(name): no signature to judge"); continue }
                // The base may not meet `ee` (B-level, not QES …): there only the refusal counts.
                let key = mutant.base + "\u{0}" + policy.name
                let baseMeetsPolicy = try basePasses[key] ?? {
                    let passes = Validator(policy: policy, store: try #require(stores[mutant.base])).validate(path: mutant.base).verdict == .passed
                    basePasses[key] = passes
                    return passes
                }()
                if baseMeetsPolicy {
                    let off = subs.filter { !mutant.expected.contains($0) }
                    if !off.isEmpty && !(mutant.target == nil && subs.contains(where: mutant.expected.contains)) {
                        problems.append("\(name): \(off.joined(separator: ", ")) not in \(mutant.expected.sorted().joined(separator: ","))")
                    }
                }
                if subs.contains("SIGNED_OK"), !mutant.expected.contains("SIGNED_OK") {
                    problems.append("\(name): the hit signature stayed TOTAL-PASSED")
                }
            }
        }
        let seconds = Date().timeIntervalSince(started)
        print("tamper: \(bases.count) bases, \(mutants.count) mutants, \(validations) validations in \(String(format: "%.1f", seconds)) s (generation \(String(format: "%.1f", generated)) s)")
        print("tamper: by kind: " + kinds.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value) (\(basesByKind[$0.key]?.count ?? 0) bases)" }.joined(separator: ", "))
        print("tamper: outcomes: " + outcomes.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        for kind in ["si-attr", "si-text", "si-delete", "sp-attr", "sp-text", "sp-delete", "swap", "swap-si", "swap-method", "sigvalue",
                     "data-byte", "data-add", "data-remove", "keyinfo-cert", "ocsp-by-ordinary-cert", "tst-by-ordinary-cert", "control"] {
            #expect((kinds[kind] ?? 0) > 0, "no \(kind) mutant was generated")
        }
        #expect(problems.isEmpty, Comment(rawValue: "\(problems.count) problems:\n" + problems.prefix(40).joined(separator: "\n")))
    }
}
