import PKI
import TestSupport
import Testing

/// The byte helpers that replaced `[UInt8] ==` and `String.contains` on hot paths answer exactly
/// what those did, and certificates equal by DER stay equal (and unequal ones unequal) through
/// them, with their names printed once per parse.
@Suite("Byte comparisons")
struct BytesTests {
    @Test func equalIsArrayEquality() {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<64 {
            let bytes = randomBytes(length)
            #expect(Bytes.equal(bytes, bytes))
            #expect(Bytes.equal(bytes, Array(bytes)))
            #expect(!Bytes.equal(bytes, bytes + [0]))
            for index in bytes.indices {
                var other = bytes
                other[index] ^= 1 << UInt8.random(in: 0...7, using: &generator)
                #expect(!Bytes.equal(bytes, other), "one bit changed at \(index) of \(length)")
            }
        }
    }

    @Test func containsIsSubstringSearch() {
        let cases: [(String, Bool)] = [
            ("signatures0.xml", true), ("my-signatures.xml", true), ("signature.xml", false), ("", false),
            ("signaturesignatures", true), ("ssignatures", true), ("SIGNATURES.xml", false), ("signatur", false),
        ]
        for (text, expected) in cases {
            #expect(Bytes.contains(Array(text.utf8), "signatures") == expected, "\(text)")
            #expect(Bytes.contains(text.utf8, "signatures") == text.contains("signatures"), "\(text)")
        }
        #expect(Bytes.contains([UInt8](), ""))
        #expect(Bytes.isASCII("abc~\u{7F}".utf8) && !Bytes.isASCII("signaturés".utf8))
        // The needle at every place of a longer haystack, contiguous (memmem) or not (a lazy map).
        for length in 0..<40 {
            for start in 0...length {
                var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: length + 10)
                bytes.replaceSubrange(start..<(start + 10), with: Array("signatures".utf8))
                bytes[start + 9] = start % 2 == 0 ? bytes[start + 9] : UInt8(ascii: "S")
                let expected = start % 2 == 0
                #expect(Bytes.contains(bytes, "signatures") == expected)
                #expect(Bytes.contains(bytes[...], "signatures") == expected)
                #expect(Bytes.contains(bytes.lazy.map { $0 }, "signatures") == expected)
            }
        }
    }

    /// Eight bytes at a time, with the tail byte by byte: a high bit anywhere is seen, in
    /// contiguous storage and in sequences that have none.
    @Test func isASCIISeesAHighBitAnywhere() {
        for length in 0..<40 {
            let ascii = [UInt8](repeating: 0x7F, count: length)
            #expect(Bytes.isASCII(ascii) && Bytes.isASCII(ascii[...]) && Bytes.isASCII(ascii.lazy.map { $0 }))
            for index in 0..<length {
                var bytes = ascii
                bytes[index] = 0x80 | UInt8(index % 0x80)
                #expect(!Bytes.isASCII(bytes), "\(index) of \(length)")
                #expect(!Bytes.isASCII(bytes.dropFirst(0)), "\(index) of \(length)")
                #expect(!Bytes.isASCII(bytes.lazy.map { $0 }), "\(index) of \(length)")
                #expect(Bytes.isASCII(bytes.dropFirst(index + 1)) && Bytes.isASCII(bytes.prefix(index)))
            }
        }
    }

    @Test func certificatesAreEqualByDERAndShareTheirNames() throws {
        let signer = try TrustAnchorsFree.certificate("signer-p256")
        let again = try #require(Certificate(der: signer.der))
        let other = try TrustAnchorsFree.certificate("issuing")
        #expect(signer !== again && signer == again && signer.hashValue == again.hashValue)
        #expect(signer != other)
        // A DER that differs in its last byte (the signature) is another certificate, if it parses.
        var forged = signer.der
        forged[forged.count - 1] ^= 0x01
        if let parsed = Certificate(der: forged) { #expect(parsed != signer) }
        // The second parse answers its names from the first's texts: the same strings.
        #expect(again.subject == signer.subject && again.issuer == signer.issuer)
        #expect(signer.issuer == other.subject && signer.subject != other.subject)
    }
}
