internal import CNettle
internal import COpenSSL

/// ECDSA over P-384 through nettle. OpenSSL 3.0 computes P-384 with its generic curve code
/// (about 430 µs a verification on the project's machines, twice nettle's curve-specific
/// arithmetic), and P-384 is the curve of every Estonian ID card since 2018: in a batch of
/// ESTEID2018 signatures it was a fifth of the time.
///
/// Only an acceptance is final. A value nettle does not accept goes on to OpenSSL, which decides
/// as before (and also reads DER where r‖s was expected), so a refusal here costs time, never a
/// verdict. What nettle accepts must verify for OpenSSL too: the differential tests feed both the
/// same keys, values and digests, valid and broken.
enum P384Verification {
    /// The byte length of one coordinate, of r and of s.
    static let width = 48

    /// True when `raw` (r‖s, 96 bytes) verifies over `data` hashed with `digest` for a P-384 `key`;
    /// false when it does not, when the key is not an uncompressed P-384 point, and for SHA-1 and
    /// digests OpenSSL does not have: those are OpenSSL's to refuse (a system policy may forbid
    /// SHA-1 signatures, and nettle would not know).
    static func verifies(_ raw: [UInt8], over data: [UInt8], key: PublicKey, digest: DigestAlgorithm) -> Bool {
        guard digest != .sha1, digest.md != nil, raw.count == 2 * width, let point = key.p384Point else { return false }
        let hashed = Digest.hash(data, digest)
        guard hashed.count == digest.length else { return false }
        return point.withUnsafeBufferPointer { point in
            raw.withUnsafeBufferPointer { raw in
                hashed.withUnsafeBufferPointer { hashed in
                    let x = point.baseAddress! + 1
                    return cnettle_ecdsa_p384_verify(x, x + width, raw.baseAddress!, raw.baseAddress! + width,
                                                     hashed.baseAddress!, hashed.count) == 1
                }
            }
        }
    }
}

extension PublicKey {
    /// The uncompressed point 04‖X‖Y of a P-384 key; nil for any other key, or a point OpenSSL
    /// keeps compressed.
    var p384Point: [UInt8]? {
        guard kind == .ec, curveName == "secp384r1" else { return nil }
        var point = [UInt8](repeating: 0, count: 1 + 2 * P384Verification.width)
        var length = 0
        guard EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, &point, point.count, &length) == 1,
              length == point.count, point[0] == 0x04 else { return nil }
        return point
    }
}
