import Foundation
import PKI
import TestSupport
import Testing

/// XML signatures' base64: whitespace anywhere is skipped, anything else outside the alphabet,
/// data after padding, or more than two pad characters is refused.
@Suite("Base64")
struct Base64Tests {
    @Test func agreesWithFoundationOnEveryLength() {
        for length in 0..<300 {
            let bytes = randomBytes(length)
            let encoded = Data(bytes).base64EncodedString(options: [.lineLength64Characters, .endLineWithCarriageReturn])
            #expect(Base64.decode(encoded) == bytes, "length \(length)")
            #expect(Base64.encode(bytes) == Data(bytes).base64EncodedString())
        }
    }

    /// Whitespace anywhere shifts where the four-character groups start: each placement decodes alike.
    @Test func whitespaceAnywhereDecodesAlike() {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<200 {
            let bytes = randomBytes(length)
            var text = Array(Data(bytes).base64EncodedString().utf8)
            for _ in 0..<Int.random(in: 0...6, using: &generator) {
                text.insert(Array(" \t\r\n".utf8).randomElement(using: &generator)!, at: Int.random(in: 0...text.count, using: &generator))
            }
            #expect(Base64.decode(String(decoding: text, as: UTF8.self)) == bytes, "length \(length)")
        }
        #expect(Base64.decode("TWFuTW Fu") == Array("ManMan".utf8))
        #expect(Base64.decode("TWFuTQ==") == Array("ManM".utf8))
        for bad in ["TWFuTW-u", "TWFu=TWFu", "TWFu TWFuT", "TWFuTWFu\u{80}TWFu"] {
            #expect(Base64.decode(bad) == nil, "\(bad) was accepted")
        }
    }

    @Test func refusesWhatIsNotBase64() {
        #expect(Base64.decode(" TW\tFu\r\n") == Array("Man".utf8))
        #expect(Base64.decode("TWE=") == Array("Ma".utf8))
        #expect(Base64.decode("TQ==") == Array("M".utf8))
        for bad in ["TQ===", "TQ==TQ==", "T", "TW-u", "TWFu\u{0}", "TWFuÄ", "TQ=a", "TWFu&#13;"] {
            #expect(Base64.decode(bad) == nil, "\(bad) was accepted")
        }
    }
}
