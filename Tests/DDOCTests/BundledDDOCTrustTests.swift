import Foundation
@testable import DDOC
import TestSupport
import Testing
import Trust

/// The SK certificates compiled into asic are exactly TrustData/sk-ddoc (`make trust-data`), split
/// into CAs and time-mark responders.
@Suite("Bundled DDOC trust")
struct BundledDDOCTrustTests {
    @Test func theBundledSetIsTheProductDataFolder() throws {
        let folder = URL(fileURLWithPath: OwnVectors.root).deletingLastPathComponent().path + "/TrustData/sk-ddoc"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".crt") }.sorted()
        #expect(BundledDDOCTrust.certificates.map(\.file) == files, "run make trust-data")
        let fromFolder = Set(try TrustAnchors.load(folder).map(\.certificate))
        let bundled = DDOCTrust.bundled
        #expect(Set(bundled.authorities + bundled.responders) == fromFolder && fromFolder.count == 25)
        #expect(bundled.authorities.allSatisfy(\.isCA) && bundled.responders.allSatisfy { !$0.isCA })
        #expect(bundled.responders.contains { $0.subjectAttribute("CN") == "SK OCSP RESPONDER 2011" })
    }

    /// A validator made without trust reads the bundled set (on first use, not when it is made);
    /// one given trust keeps it.
    @Test func aValidatorWithoutGivenTrustUsesTheBundledSet() {
        #expect(DDOCValidator().trust.source == DDOCTrust.bundled.source)
        #expect(Set(DDOCValidator().trust.responders) == Set(DDOCTrust.bundled.responders))
        let none = DDOCTrust(certificates: [], source: "none")
        #expect(DDOCValidator(trust: none).trust.source == "none" && DDOCValidator(trust: none).trust.authorities.isEmpty)
    }
}
