import TestSupport
import Findings
import Foundation
import PKI
import Testing
import Trust
import XAdES

/// libdigidocpp's 24 trusted-list variants, each made to change one outcome for `tsl.asice`
/// (CA, OCSP or TSA service withdrawn, granted later, wrong type, no QSCD …). With the variant
/// as the national list, our signer chain, TSA, OCSP responder and qualification checks must
/// together give the result in `VARIANTS.tsv`.
@Suite("Trusted-list variants", .enabled(if: SharedTrust.available && SharedCorpus.load() != nil, "../shared/vectors is absent"))
struct TrustedListVariantTests {
    struct Outcome: CustomStringConvertible {
        var signer: ChainValidation.Status
        var tsa: ChainValidation.Status
        var ocsp: ChainValidation.Status
        var qualification: String
        var valid: Bool { signer == .trusted && tsa == .trusted && ocsp == .trusted && ["QESig", "QESeal"].contains(qualification) }
        var description: String { "signer \(signer), TSA \(tsa), OCSP \(ocsp), \(qualification)" }
    }

    static func outcome(nationalList: String) throws -> Outcome {
        let root = try #require(SharedTrust.root)
        let dir = try scratchFolder()
        try FileManager.default.copyItem(atPath: root + "/libdigidocpp-tsl/TSL.xml", toPath: dir + "/TSL.xml")
        try FileManager.default.copyItem(atPath: nationalList, toPath: dir + "/EE_T.xml")
        let set = TrustedListLoader.load(TrustSettings(
            listOfLists: dir + "/TSL.xml", listOfListsSigners: [try SharedTrust.certificate("libdigidocpp-tsl/TSL.crt")],
            cache: TrustedListCache(directory: dir + "/cache"), offline: true, now: now))
        #expect(set.lists.first?.isUsable == true, "\(set.findings.map(\.message))")
        let store = TrustStore(services: set.services, anchors: [])

        let corpus = try #require(SharedCorpus.load())
        let document = try SignedDocument.open(path: corpus.root + "/containers/libdigidocpp/tsl.asice")
        let result = try #require(document.verifyCore().first)
        let signer = try #require(result.signer)
        let token = try #require(result.signature.unsigned.signatureTimeStamps.first?.tokens.first.flatMap(TimeStampToken.init(der:)))
        let ocsp = try #require(result.signature.unsigned.ocspValues.first.flatMap(OCSPResponse.init(der:)))
        let pool = result.certificates + token.certificates + ocsp.certificates
        let signerValidation = store.validate(signer, pool: pool, purpose: .signing, at: token.genTime)
        let tsa = try #require(token.certificates.first { $0.isTimeStampingSigner } ?? token.certificates.first)
        let responder = try #require(ocsp.responder(among: pool))
        #expect(ocsp.isSigned(by: responder))
        return Outcome(
            signer: signerValidation.status,
            tsa: store.validate(tsa, pool: pool, purpose: .timeStamping, at: token.genTime).status,
            ocsp: store.validate(responder, pool: pool, purpose: .revocation, at: try #require(ocsp.producedAt)).status,
            qualification: QualificationEvaluator.evaluate(signer, validation: signerValidation, signingTime: token.genTime).name)
    }

    @Test func theUnmodifiedListTrustsEverything() throws {
        let root = try #require(SharedTrust.root)
        let outcome = try Self.outcome(nationalList: root + "/libdigidocpp-tsl/EE_T.xml")
        #expect(outcome.valid, "\(outcome)")
    }

    @Test func eachVariantChangesWhatItWasMadeFor() throws {
        let root = try #require(SharedTrust.root)
        let rows = try String(contentsOfFile: root + "/libdigidocpp-tsl/VARIANTS.tsv", encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: "\t").map(String.init) }
        var agree = 0
        for row in rows {
            let outcome = try Self.outcome(nationalList: root + "/libdigidocpp-tsl/" + row[0])
            let expectedValid = row[1] == "valid"
            #expect(outcome.valid == expectedValid, "\(row[0]): expected \(row[1]), got \(outcome)")
            if outcome.valid == expectedValid { agree += 1 }
            // The part each variant targets is the one that changes.
            let name = row[0]
            if !expectedValid {
                if name.contains("-CA-") { #expect(outcome.signer != .trusted || !outcome.valid) }
                if name.contains("-OCSP-") { #expect(outcome.ocsp != .trusted, "\(name): \(outcome)") }
                if name.contains("-TSA-") { #expect(outcome.tsa != .trusted, "\(name): \(outcome)") }
                if name.contains("no_QC") { #expect(!["QESig", "QESeal"].contains(outcome.qualification), "\(name): \(outcome)") }
            }
        }
        print("trusted-list variants: \(agree)/\(rows.count) agree with libdigidocpp")
    }
}
