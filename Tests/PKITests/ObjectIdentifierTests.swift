import PKI
import TestSupport
import Testing

/// OBJECT IDENTIFIER content octets to dotted text, against OpenSSL's encoder (`openssl asn1parse
/// -genstr OID:…`), including a first arc pair over one byte and a 64-bit arc; malformed content
/// is refused, never read as another OID.
@Suite("Object identifiers")
struct ObjectIdentifierTests {
    static func encoded(_ oid: String) throws -> [UInt8] {
        let der = try tool(["openssl", "asn1parse", "-genstr", "OID:" + oid, "-noout", "-out", "/dev/stdout"])
        #expect(der.count >= 2 && der[0] == 0x06 && Int(der[1]) == der.count - 2, "\(oid): \(der)")
        return Array(der.dropFirst(2))
    }

    @Test func dottedTextIsOpenSSLs() throws {
        for oid in ["0.4.0.1862.1.6.1", "0.4.0.1862.1.1", "1.2.840.113549.1.1.11", "2.5.29.32", "2.999.3", "2.100.3", "0.0", "1.39.5",
                    "1.3.6.1.5.5.7.3.8", "1.3.6.1.4.1.311.21.20", "1.2.18446744073709551615", "2.47", "2.48.1"] {
            #expect(DER.oid(try Self.encoded(oid)) == oid, "\(oid)")
        }
    }

    @Test func malformedContentIsNoOID() {
        #expect(DER.oid([]) == nil)
        #expect(DER.oid([0x2B, 0x06, 0x81]) == nil, "an arc that does not end")
        #expect(DER.oid([0x2B, 0x80, 0x01]) == nil, "an arc padded with 0x80")
        #expect(DER.oid([0x80, 0x2B]) == nil, "the first arc padded")
        #expect(DER.oid([0x2B] + [UInt8](repeating: 0xFF, count: 10) + [0x7F]) == nil, "an arc beyond 64 bits")
        #expect(DER.oid([0x2B, 0x06]) == "1.3.6")
    }
}
