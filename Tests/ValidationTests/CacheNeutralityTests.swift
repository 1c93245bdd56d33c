import Foundation
@testable import PKI
import TestSupport
import Testing
import Trust
@testable import Validation

/// Caches must not change a verdict: the own vectors (and the shared corpus when present)
/// validated twice in one process, in opposite orders, give identical outcomes, findings included.
@Suite("Caches change no verdict")
struct CacheNeutralityTests {
    static func outcome(_ result: ContainerValidation) -> String {
        result.verdict.rawValue + " | " + result.signatures.map { signature in
            "\(signature.indication.rawValue)/\(signature.subIndication?.rawValue ?? "-") \(signature.findings.map(\.message))"
        }.joined(separator: "; ") + " | " + result.tokens.map(\.indication.rawValue).joined(separator: ",")
    }

    @Test func ownVectorsTwiceInOppositeOrders() throws {
        let corpus = try #require(OwnVectors.corpus)
        let validator = Validator(policy: .dssDefault, store: try OwnVectorTests.store(), time: now)
        let paths = corpus.rows.map(corpus.path)
        let first = paths.map { Self.outcome(validator.validate(path: $0)) }
        let second = Array(paths.reversed().map { Self.outcome(validator.validate(path: $0)) }.reversed())
        #expect(paths.count > 60)
        for (index, path) in paths.enumerated() where first[index] != second[index] {
            Issue.record("\(path): \(first[index]) then \(second[index])")
        }
    }

    @Test func sharedCorpusTwiceInOppositeOrders() throws {
        guard let corpus = SharedCorpus.load(), SharedTrust.available else { return }
        let validator = Validator(policy: .dssDefault, store: try SharedTrust.store(), time: now)
        let paths = corpus.rows.filter { $0.expect != "reject" }.map(corpus.path)
        #expect(paths.count > 100)
        let first = paths.map { Self.outcome(validator.validate(path: $0)) }
        let second = Array(paths.reversed().map { Self.outcome(validator.validate(path: $0)) }.reversed())
        for (index, path) in paths.enumerated() where first[index] != second[index] {
            Issue.record("\(path): \(first[index]) then \(second[index])")
        }
    }

    /// The certificate cache hands back what parsing gives, and keeps nothing it should not.
    @Test func theCertificateCacheIsExact() throws {
        let der = try OwnVectors.certificate("issuing").der
        let a = try #require(Certificate(der: der)), b = try #require(Certificate(der: der))
        #expect(a == b && a.subject == b.subject && a.notAfter == b.notAfter && a.publicKey?.bits == b.publicKey?.bits)
        // A certificate followed by other bytes parses (as before) but is never a cache key.
        let trailing = der + [0x00, 0x01]
        #expect(Certificate(der: trailing) != nil)
        #expect(CertificateCache.shared.lookup(CertificateCache.Key(der: trailing)) == nil)
        #expect(Certificate(der: Array(der.dropLast())) == nil)
    }
}
