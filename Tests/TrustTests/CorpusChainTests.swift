import TestSupport
import ASiC
import Findings
import Foundation
import PKI
import Testing
import Trust
import XAdES

/// The signer certificates of the shared corpus against the shared test trusted list: every
/// `test-tl` row whose signer the test TSL covers must resolve to it; `live` rows (production
/// signers) must end in "no chain".
@Suite("Shared corpus: signer chains", .enabled(if: SharedCorpus.load() != nil && SharedTrust.available, "../shared/vectors is absent"))
struct CorpusChainTests {
    static func store() throws -> TrustStore { try SharedTrust.store() }

    /// Signers of `test-tl` rows that the test TSL does not cover, by design of the source test.
    static let untrustedByDesign: [String: String] = [
        "containers/dss/dss-signed.xml": "DSS test PKI (good-user), in no trusted list",
        "containers/dss/xades-detached.xml": "DSS test PKI, in no trusted list",
        "containers/dss/onefile-ok.asice": "DSS test PKI, in no trusted list",
        "containers/dss/onefile-too-much-files.asice": "DSS test PKI, in no trusted list",
        "containers/dss/container-with-counter-signature.asice": "DSS test PKI, in no trusted list",
        "containers/digidoc4j/INC166120_wrong_mime_slash.bdoc": "production ESTEID-SK 2011 signer in TEST mode",
        "containers/libdigidocpp/unknown_CA_TS.asice": "signer CA deliberately unknown",
        "containers/libdigidocpp/test.asice": "libdigidocpp unit-test PKI, listed only in its own TSL variant",
        "containers/siva/allkiri_ades.asice": "Nortal NQSK16 test CA: SiVa-Test ran with its own TSL; the shared test TSL does not list it",
    ]

    /// Signers whose chain reaches the test TSL but whose certificate had expired at signing time.
    static let expiredByDesign: Set<String> = ["containers/siva/IB-5987_signed_with_expired_certificate.asice"]

    @Test func testListSignersResolveAndLiveOnesDoNot() throws {
        let corpus = try #require(SharedCorpus.load())
        let store = try Self.store()
        var resolved = 0, checked = 0, liveNoChain = 0, liveChecked = 0
        var unexpected: [String] = [], untrusted: [String] = []
        for row in corpus.rows where row.trust == "test-tl" || row.trust == "live" {
            guard let document = try? SignedDocument.open(path: corpus.path(row)) else { continue }
            for result in document.verifyCore() {
                guard let signer = result.signer else { continue }
                let tokens = result.signature.unsigned.signatureTimeStamps.flatMap(\.tokens).compactMap(TimeStampToken.init(der:))
                let time = tokens.map(\.genTime).min() ?? signer.notBefore + 1
                let pool = result.certificates + tokens.flatMap(\.certificates)
                let validation = store.validate(signer, pool: pool, purpose: .signing, at: time)
                if row.trust == "live" {
                    liveChecked += 1
                    if validation.status == .noChain { liveNoChain += 1 } else {
                        unexpected.append("\(row.path): live signer got \(validation.status)")
                    }
                    continue
                }
                checked += 1
                if validation.isTrusted {
                    resolved += 1
                } else if validation.status == .expired, Self.expiredByDesign.contains(row.path),
                          validation.chain.last?.trustedBy?.hasPrefix("TSL:") == true {
                    resolved += 1
                } else if Self.untrustedByDesign[row.path] != nil {
                    untrusted.append(row.path)
                } else {
                    unexpected.append("\(row.path) \(result.signature.label): \(validation.status) \(signer.issuer)")
                }
            }
        }
        print("corpus chains: \(checked) test-tl signatures, \(resolved) resolve to the test TSL, \(untrusted.count) untrusted by design; live: \(liveNoChain)/\(liveChecked) report no chain")
        for line in unexpected { print("  UNEXPECTED \(line)") }
        #expect(unexpected == [])
    }
}
