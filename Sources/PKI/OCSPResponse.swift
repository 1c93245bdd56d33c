internal import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// An OCSP response (RFC 6960) as embedded in XAdES RevocationValues or fetched; owns its
/// `OCSP_RESPONSE` and `OCSP_BASICRESP`. Trust in the responder is the trust layer's business.
public final class OCSPResponse: @unchecked Sendable {
    let response: OpaquePointer
    let basic: OpaquePointer?
    public let der: [UInt8]
    /// One verification at a time: a parsed response is shared by threads (`parsed(_:)`), and
    /// OpenSSL does not promise that verifying leaves an object untouched.
    private let verifying = Locked(())
    private static let cache = ParsedObjectCache<OCSPResponse>()

    /// The response of `der`, parsed once per process: the same response is met again in a batch.
    public static func parsed(_ der: [UInt8]) -> OCSPResponse? { cache.object(for: der) { OCSPResponse(der: der) } }

    public init?(der: [UInt8]) {
        guard let parsed = decodeDER(der, with: { d2i_OCSP_RESPONSE(nil, $0, $1) })?.object else { return nil }
        response = parsed
        let basic = OCSP_response_get1_basic(parsed)
        self.basic = basic
        self.der = der
        certificates = basic.flatMap(OCSP_resp_get0_certs).map { Certificate.retainingEach(of: $0) } ?? []
        OpenSSLError.clear()
    }

    deinit {
        if let basic { OCSP_BASICRESP_free(basic) }
        OCSP_RESPONSE_free(response)
    }

    /// responseStatus: 0 successful, 1 malformedRequest, 2 internalError, 3 tryLater, 5 sigRequired, 6 unauthorized.
    public var responseStatus: Int { Int(OCSP_response_status(response)) }

    public var isSuccessful: Bool { responseStatus == 0 && basic != nil }

    public var producedAt: Int64? {
        guard let basic, let time = OCSP_resp_get0_produced_at(basic) else { return nil }
        return ASN1Time.seconds(time)
    }

    /// Certificates carried in the response, read once when it is parsed (a shared response is
    /// asked for them by every check of the signatures it serves).
    public let certificates: [Certificate]

    /// The responder certificate named by ResponderID, among the response's certificates and `extra`.
    public func responder(among extra: [Certificate]) -> Certificate? {
        guard let basic, let stack = OPENSSL_sk_new_null() else { return nil }
        defer { OPENSSL_sk_free(stack) }
        for certificate in extra { OPENSSL_sk_push(stack, UnsafeRawPointer(certificate.x509)) }
        var signer: OpaquePointer?
        guard OCSP_resp_get0_signer(basic, &signer, stack) == 1, let signer else {
            OpenSSLError.clear()
            return nil
        }
        return Certificate.wrapping(signer, among: certificates, extra)
    }

    /// True when the response's signature verifies with `responder`'s key (no chain, no delegation check).
    public func isSigned(by responder: Certificate) -> Bool {
        verifying.withLock { _ in verify(by: responder) }
    }

    private func verify(by responder: Certificate) -> Bool {
        guard let basic, let stack = OPENSSL_sk_new_null(), let store = X509_STORE_new() else { return false }
        defer {
            OPENSSL_sk_free(stack)
            X509_STORE_free(store)
            OpenSSLError.clear()
        }
        OPENSSL_sk_push(stack, UnsafeRawPointer(responder.x509))
        let flags = UInt(OCSP_NOVERIFY | OCSP_NOCHECKS | OCSP_NOINTERN)
        return OCSP_basic_verify(basic, stack, store, flags) == 1
    }

    public enum CertificateStatus: Sendable, Equatable {
        case good
        case revoked(time: Int64, reason: Int)
        case unknown
        /// About this certificate, but a time in it cannot be read: no answer at all.
        case unreadable
    }

    public struct SingleResult: Sendable, Equatable {
        public let status: CertificateStatus
        public let thisUpdate: Int64?
        public let nextUpdate: Int64?
        /// From when on the answer's issuer keeps the status of certificates that have expired (OCSP
        /// archiveCutoff, a CRL's ExpiredCertsOnCRL); nil when it says nothing of it, or unreadably.
        public let keepsExpiredSince: Int64?

        /// Also what a CRL says about one certificate, so both kinds of evidence read alike.
        public init(status: CertificateStatus, thisUpdate: Int64?, nextUpdate: Int64?, keepsExpiredSince: Int64? = nil) {
            self.status = status
            self.thisUpdate = thisUpdate
            self.nextUpdate = nextUpdate
            self.keepsExpiredSince = keepsExpiredSince
        }
    }

    /// The status the response gives for `certificate` issued by `issuer` (CertID recomputed with
    /// the hash the response used), nil when it says nothing about it.
    public func status(of certificate: Certificate, issuer: Certificate) -> SingleResult? {
        guard let basic else { return nil }
        defer { OpenSSLError.clear() }
        for index in 0..<OCSP_resp_count(basic) {
            guard let single = OCSP_resp_get0(basic, index), let id = OCSP_SINGLERESP_get0_id(single) else { continue }
            var algorithm: OpaquePointer?
            guard OCSP_id_get0_info(nil, &algorithm, nil, nil, id) == 1, let algorithm,
                  let md = EVP_get_digestbyname(OBJ_nid2sn(OBJ_obj2nid(algorithm))),
                  let expected = OCSP_cert_to_id(md, certificate.x509, issuer.x509) else { continue }
            defer { OCSP_CERTID_free(expected) }
            guard OCSP_id_cmp(expected, id) == 0 else { continue }
            var reason: Int32 = -1
            var revoked: UnsafeMutablePointer<ASN1_GENERALIZEDTIME>?
            var thisUpdate: UnsafeMutablePointer<ASN1_GENERALIZEDTIME>?
            var nextUpdate: UnsafeMutablePointer<ASN1_GENERALIZEDTIME>?
            let code = OCSP_single_get0_status(single, &reason, &revoked, &thisUpdate, &nextUpdate)
            // A time that cannot be read is never a date: the answer stays (it concerns this
            // certificate) but says nothing usable, so every constraint reading it cannot pass.
            let thisUpdateTime = ASN1Time.seconds(thisUpdate)
            let nextUpdateTime = ASN1Time.seconds(nextUpdate)
            let timesReadable = thisUpdateTime != nil && (nextUpdate == nil || nextUpdateTime != nil)
            let status: CertificateStatus
            switch code {
            case _ where !timesReadable: status = .unreadable
            case V_OCSP_CERTSTATUS_GOOD: status = .good
            case V_OCSP_CERTSTATUS_REVOKED:
                guard let time = ASN1Time.seconds(revoked) else { status = .unreadable; break }
                status = .revoked(time: time, reason: Int(reason))
            default: status = .unknown
            }
            // archiveCutoff (RFC 6960 §4.4.4), a singleExtension; one that cannot be read keeps nothing.
            var archiveCutoff: Int64?
            if let value = OCSP_SINGLERESP_get1_ext_d2i(single, NID_id_pkix_OCSP_archiveCutoff, nil, nil) {
                let time = value.assumingMemoryBound(to: ASN1_GENERALIZEDTIME.self)
                archiveCutoff = ASN1Time.seconds(time)
                ASN1_GENERALIZEDTIME_free(time)
            }
            return SingleResult(status: status, thisUpdate: thisUpdateTime, nextUpdate: nextUpdateTime, keepsExpiredSince: archiveCutoff)
        }
        return nil
    }

    /// The nonce extension's value (extnValue content), nil when absent.
    public var nonce: [UInt8]? {
        guard let basic else { return nil }
        let index = OCSP_BASICRESP_get_ext_by_NID(basic, NID_id_pkix_OCSP_Nonce, -1)
        return index >= 0 ? extensionValue(OCSP_BASICRESP_get_ext(basic, index)) : nil
    }
}
