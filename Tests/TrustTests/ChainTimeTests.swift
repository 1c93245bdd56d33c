import TestSupport
import Findings
import Foundation
import PKI
import Testing
import Trust
import XAdES

@Suite("Chains at a time, and own trust anchors", .enabled(if: SharedTrust.available && SharedCorpus.load() != nil, "../shared/vectors is absent"))
struct ChainTimeTests {
    func signer(_ container: String) throws -> (Certificate, [Certificate], Int64) {
        let corpus = try #require(SharedCorpus.load())
        let result = try #require(try SignedDocument.open(path: corpus.root + "/" + container).verifyCore().first)
        let token = result.signature.unsigned.signatureTimeStamps.first?.tokens.first.flatMap(TimeStampToken.init(der:))
        return (try #require(result.signer), result.certificates + (token?.certificates ?? []), token?.genTime ?? 0)
    }

    @Test func validityIsCheckedAtTheGivenTime() throws {
        let store = try CorpusChainTests.store()
        let (certificate, pool, genTime) = try signer("containers/siva/TEST_ESTEID2018_ASiC-E_XAdES_LT.sce")
        let atSigning = store.validate(certificate, pool: pool, purpose: .signing, at: genTime)
        #expect(atSigning.isTrusted)
        #expect(atSigning.chain.last?.trustedBy?.contains("TEST of ESTEID2018") == true)
        #expect(atSigning.findings(subject: "S0", what: "the signer", at: genTime).map(\.key) == ["trust.chain.trusted"])
        #expect(store.validate(certificate, pool: pool, purpose: .signing, at: certificate.notBefore - 86_400).status == .notYetValid)
        let late = store.validate(certificate, pool: pool, purpose: .signing, at: certificate.notAfter + 86_400)
        #expect(late.status == .expired)
        #expect(late.findings(subject: "S0", what: "the signer", at: certificate.notAfter + 86_400).map(\.key) == ["trust.certificate.expired"])
        // A signer certificate is no OCSP responder or TSA.
        #expect(store.validate(certificate, pool: pool, purpose: .timeStamping, at: genTime).status == .noChain)
    }

    @Test func aWithdrawnServiceDoesNotVouch() throws {
        let root = try #require(SharedTrust.root)
        let dir = try scratchFolder()
        try FileManager.default.copyItem(atPath: root + "/libdigidocpp-tsl/TSL.xml", toPath: dir + "/TSL.xml")
        try FileManager.default.copyItem(atPath: root + "/libdigidocpp-tsl/variants/EE_T-CA-withdrawn.xml", toPath: dir + "/EE_T.xml")
        let set = TrustedListLoader.load(TrustSettings(listOfLists: dir + "/TSL.xml", listOfListsSigners: [try SharedTrust.certificate("libdigidocpp-tsl/TSL.crt")],
                                                       cache: TrustedListCache(directory: dir + "/cache"), offline: true, now: now))
        let store = TrustStore(services: set.services, anchors: [])
        let (certificate, pool, genTime) = try signer("containers/libdigidocpp/tsl.asice")
        let validation = store.validate(certificate, pool: pool, purpose: .signing, at: genTime)
        guard case let .serviceNotActive(reason) = validation.status else {
            Issue.record("expected a withdrawn service, got \(validation.status)")
            return
        }
        #expect(reason.contains("supervisionrevoked") || reason.contains("withdrawn"))
        #expect(validation.findings(subject: "S0", what: "the signer", at: genTime).map(\.key) == ["trust.service.not-active"])
    }

    @Test func ownAnchorsTrustWithoutAnyList() throws {
        let root = try #require(SharedTrust.root)
        let anchors = try TrustAnchors.load(root + "/dss")
        #expect(anchors.map(\.file).sorted() == ["DSS2266Test-anchor1.cer", "DSS2266Test-anchor2.cer"])
        let (certificate, pool, genTime) = try signer("containers/dss/DSS-2266.asice")
        let withAnchors = TrustStore(services: [], anchors: anchors).validate(certificate, pool: pool, purpose: .signing, at: genTime)
        #expect(withAnchors.isTrusted, "\(withAnchors.status)")
        #expect(withAnchors.anchor != nil)
        #expect(withAnchors.chain.contains { $0.trustedBy?.hasPrefix("anchor: DSS2266Test-anchor") == true })
        #expect(TrustStore.empty.validate(certificate, pool: pool, purpose: .signing, at: genTime).status == .noChain)
        // Combined with the test list, the anchors still decide for a signer the list does not know.
        let combined = TrustStore(services: try CorpusChainTests.store().services, anchors: anchors)
        #expect(combined.validate(certificate, pool: pool, purpose: .signing, at: genTime).isTrusted)
    }

    @Test func anchorFilesAreReadAsPEMOrDER() throws {
        let dir = try scratchFolder()
        let root = try #require(SharedTrust.root)
        let der = try Data(contentsOf: URL(fileURLWithPath: root + "/dss/DSS2266Test-anchor1.cer"))
        try der.write(to: URL(fileURLWithPath: dir + "/a.der"))
        #expect(try TrustAnchors.load(dir + "/a.der").count == 1)
        try Data("not a certificate".utf8).write(to: URL(fileURLWithPath: dir + "/junk.pem"))
        #expect(throws: InputError.self) { try TrustAnchors.load(dir + "/junk.pem") }
        #expect(throws: InputError.self) { try TrustAnchors.load(dir + "/missing.pem") }
    }
}
