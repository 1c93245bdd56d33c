internal import COpenSSL

/// An OCSP request for one certificate, with a random nonce; owns its `OCSP_REQUEST`.
public final class OCSPRequest: @unchecked Sendable {
    let request: OpaquePointer

    /// CertID with SHA-1 (what responders expect), plus a nonce when `nonce` is true: random, or
    /// `nonceValue` (a BDOC time-mark binds the response to the signature this way).
    public init?(certificate: Certificate, issuer: Certificate, nonce: Bool = true, nonceValue: [UInt8]? = nil) {
        guard let request = OCSP_REQUEST_new() else { return nil }
        guard let id = OCSP_cert_to_id(EVP_sha1(), certificate.x509, issuer.x509) else {
            OCSP_REQUEST_free(request)
            OpenSSLError.clear()
            return nil
        }
        // add0 takes the CertID only when it succeeds.
        guard OCSP_request_add0_id(request, id) != nil else {
            OCSP_CERTID_free(id)
            OCSP_REQUEST_free(request)
            OpenSSLError.clear()
            return nil
        }
        if let nonceValue {
            var value = nonceValue
            OCSP_request_add1_nonce(request, &value, Int32(value.count))
        } else if nonce {
            OCSP_request_add1_nonce(request, nil, -1)
        }
        self.request = request
    }

    deinit {
        OCSP_REQUEST_free(request)
    }

    public var der: [UInt8] {
        var out: UnsafeMutablePointer<UInt8>?
        let length = i2d_OCSP_REQUEST(request, &out)
        guard length > 0, let out else { return [] }
        defer { cossl_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: Int(length)))
    }

    public enum NonceCheck: Sendable, Equatable {
        case matches, mismatch, missingInResponse
    }

    /// Whether `response` echoes this request's nonce.
    public func checkNonce(_ response: OCSPResponse) -> NonceCheck {
        guard let basic = response.basic else { return .mismatch }
        defer { OpenSSLError.clear() }
        switch OCSP_check_nonce(request, basic) {
        case 1, 2, 3: return .matches
        case -1: return .missingInResponse
        default: return .mismatch
        }
    }
}

extension Certificate {
    /// The OCSP responder URLs of the Authority Information Access extension.
    public var ocspURLs: [String] {
        guard let stack = X509_get1_ocsp(x509) else { return [] }
        defer { X509_email_free(stack) }
        return (0..<OPENSSL_sk_num(stack)).compactMap { index in
            OPENSSL_sk_value(stack, index).map { String(cString: $0.assumingMemoryBound(to: CChar.self)) }
        }
    }
}
