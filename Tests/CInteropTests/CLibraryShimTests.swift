import CCurl
import CLibXML2
import COpenSSL
import CZlib
import Foundation
import Testing

/// The four C libraries link, and each shim (macros and varargs Swift cannot call) works.
@Suite("C library shims")
struct CLibraryShimTests {
    @Test func libxml2FreeShimAndVersion() throws {
        let doc = "<a b='1'/>"
        let parsed = try #require(xmlReadMemory(doc, Int32(doc.utf8.count), nil, nil, 0))
        defer { xmlFreeDoc(parsed) }
        let value = try #require(xmlGetProp(xmlDocGetRootElement(parsed), "b"))
        #expect(String(cString: value) == "1")
        cxml_free(value)
        #expect(String(LIBXML_DOTTED_VERSION).hasPrefix("2."))
    }

    @Test func openSSLDigestAndNameShims() throws {
        let md = try #require(EVP_get_digestbyname("SHA256"))
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        #expect(EVP_Digest("abc", 3, &out, &length, md, nil) == 1)
        #expect(out.prefix(4) == [0xBA, 0x78, 0x16, 0xBF])
        #expect(cossl_xn_flag_rfc2253_utf8() & UInt(ASN1_STRFLGS_ESC_MSB) == 0)
        let bio = try #require(BIO_new(BIO_s_mem()))
        defer { BIO_free(bio) }
        BIO_write(bio, "pem", 3)
        var pointer: UnsafeMutablePointer<CChar>?
        #expect(cossl_BIO_get_mem_data(bio, &pointer) == 3)
    }

    @Test func zlibInitShimsRoundTrip() {
        var deflater = z_stream()
        #expect(czlib_deflateInit2(&deflater, 9, -15) == Z_OK)
        deflateEnd(&deflater)
        var inflater = z_stream()
        #expect(czlib_inflateInit2(&inflater, -15) == Z_OK)
        inflateEnd(&inflater)
    }

    @Test func curlTypedSetoptShims() throws {
        #expect(ccurl_load_error() == nil)
        let handle = try #require(ccurl_easy_init())
        defer { ccurl_easy_cleanup(handle) }
        #expect(ccurl_setopt_str(handle, CURLOPT_URL, "http://127.0.0.1:9/") == CURLE_OK)
        #expect(ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, 500) == CURLE_OK)
        // Nothing listens on port 9 of the loopback: the request must fail fast, not hang.
        #expect(ccurl_easy_perform(handle) != CURLE_OK)
        var code = 0
        #expect(ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code) == CURLE_OK)
        #expect(code == 0)
    }
}
