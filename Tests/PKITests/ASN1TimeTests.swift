import Foundation
@testable import PKI
import TestSupport
import Testing

/// A time that cannot be read is never a date: a certificate whose validity or a time-stamp token
/// whose genTime is malformed is refused as a whole (it used to become 1970-01-01).
@Suite("ASN.1 times")
struct ASN1TimeTests {
    /// Replaces the first UTCTime/GeneralizedTime value in `der` with `text` of the same length.
    static func patchFirstTime(_ der: [UInt8], tag: UInt8, to text: String) -> [UInt8]? {
        let value = Array(text.utf8)
        for index in 0..<(der.count - value.count - 2) where der[index] == tag && Int(der[index + 1]) == value.count {
            let slice = der[(index + 2)..<(index + 2 + value.count)]
            guard slice.allSatisfy({ (0x30...0x39).contains($0) || $0 == 0x5A }) else { continue }
            var patched = der
            patched.replaceSubrange((index + 2)..<(index + 2 + value.count), with: value)
            return patched
        }
        return nil
    }

    @Test func aCertificateWithAnUnreadableValidityIsRefused() throws {
        let pem = try String(contentsOfFile: OwnVectors.root + "/pki/signer-p256.pem", encoding: .utf8)
        let body = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        let der = try #require(Base64.decode(body))
        #expect(Certificate(der: der) != nil)
        #expect(try #require(Certificate(der: der)).notBefore > 1_700_000_000)
        // Month 13, day 45: OpenSSL parses the DER but cannot turn it into a time.
        let broken = try #require(Self.patchFirstTime(der, tag: 0x17, to: "261345000000Z"))
        #expect(Certificate(der: broken) == nil)
    }

    @Test func aTimeStampWithAnUnreadableGenTimeIsRefused() throws {
        let der = try #require(try OwnVectors.embedded("EncapsulatedTimeStamp", in: "lt-p256.asice"))
        let token = try #require(TimeStampToken(der: der))
        #expect(token.genTime > 1_700_000_000)
        // genTime is the TSTInfo's GeneralizedTime "YYYYMMDDhhmmss[.f]Z": month 13, day 45.
        let length = try #require((15...24).first { Self.patchFirstTime(der, tag: 0x18, to: String(repeating: "0", count: $0 - 1) + "Z") != nil })
        let broken = try #require(Self.patchFirstTime(der, tag: 0x18, to: "20261345" + String(repeating: "0", count: length - 9) + "Z"))
        #expect(TimeStampToken(der: broken) == nil)
    }

    /// An OCSP answer whose thisUpdate cannot be read still concerns the certificate, but says
    /// nothing usable (`unreadable`), instead of vanishing or becoming a date.
    @Test func anOCSPAnswerWithAnUnreadableThisUpdateIsUnreadable() throws {
        let der = try #require(try OwnVectors.embedded("EncapsulatedOCSPValue", in: "lt-p256.asice"))
        let signer = try TrustAnchorsFree.certificate("signer-p256"), issuer = try TrustAnchorsFree.certificate("issuing")
        #expect(try #require(OCSPResponse(der: der)).status(of: signer, issuer: issuer)?.status == .good)
        // producedAt is the first GeneralizedTime, thisUpdate the second: break the second.
        var positions: [Int] = []
        for index in 0..<(der.count - 17) where der[index] == 0x18 && der[index + 1] == 0x0F { positions.append(index) }
        try #require(positions.count >= 2)
        var patched = der
        patched.replaceSubrange((positions[1] + 2)..<(positions[1] + 17), with: Array("20261345000000Z".utf8))
        let answer = try #require(OCSPResponse(der: patched)).status(of: signer, issuer: issuer)
        #expect(answer?.status == .unreadable)
        #expect(answer?.thisUpdate == nil)
    }
}
