import TestSupport
import Findings
import Foundation
import PKI
import Testing
@testable import Trust

@Suite("Trusted lists", .enabled(if: SharedTrust.available, "../shared/vectors/trust is absent"))
struct TrustedListTests {
    func settings(_ lotl: String, cache: String, signers: [Certificate]? = nil, offline: Bool = true) throws -> TrustSettings {
        TrustSettings(listOfLists: lotl, listOfListsSigners: try signers ?? [SharedTrust.certificate("test-tl/trusted-test-tsl.crt")],
                      cache: TrustedListCache(directory: cache), offline: offline, now: now)
    }

    @Test func testLOTLAndEstonianListVerifyOffline() throws {
        let root = try #require(SharedTrust.root)
        let set = TrustedListLoader.load(try settings(root + "/test-tl/tl-mp-test-EE.xml", cache: try scratchFolder()))
        #expect(set.listOfLists.isUsable, "\(set.findings.map(\.message))")
        let lotl = try #require(set.listOfLists.list)
        #expect(lotl.isListOfLists)
        #expect(lotl.sequenceNumber == 7)
        #expect(set.lists.count == 1)
        let ee = try #require(set.lists.first)
        #expect(ee.isUsable, "\(ee.findings.map(\.message))")
        #expect(ee.origin == .file)
        #expect(ee.list?.territory == "EE_T")
        #expect(ee.list?.sequenceNumber == 34)
        #expect(set.services.count == 29)
        #expect(set.services.contains { $0.shortType == "TSA/QTST" })
    }

    @Test func aWrongSignerCertificateMakesTheListUnusable() throws {
        let root = try #require(SharedTrust.root)
        let other = try SharedTrust.certificate("eu-lotl/tl-mp1.crt")
        let set = TrustedListLoader.load(try settings(root + "/test-tl/tl-mp-test-EE.xml", cache: try scratchFolder(), signers: [other]))
        #expect(!set.listOfLists.isUsable)
        #expect(set.findings.contains { $0.key == "tsl.signature-invalid" })
        #expect(set.services.isEmpty)
    }
}
