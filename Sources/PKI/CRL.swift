internal import COpenSSL

/// A certificate revocation list (RFC 5280 §5) as embedded in XAdES `CRLValues` or fetched from a
/// distribution point; owns its `X509_CRL`. Whether its issuer may speak for a certificate is the
/// validation layer's business; this type only reads and verifies.
public final class CRL: @unchecked Sendable {
    let crl: OpaquePointer
    public let der: [UInt8]

    /// The CRL's scope, from its extensions: what it may not be used for.
    public struct Scope: Sendable, Equatable {
        /// A delta CRL (RFC 5280 §5.2.4): incomplete without its base.
        public var isDelta = false
        /// An indirect CRL (IssuingDistributionPoint indirectCRL): entries may concern other CAs.
        public var isIndirect = false
        public var onlyUserCertificates = false
        public var onlyCACertificates = false
        /// onlySomeReasons or onlyContainsAttributeCerts: not a complete answer for a certificate.
        public var partial = false
        /// A critical CRL extension this reader does not understand (RFC 5280: the CRL must not be used).
        public var unknownCritical: [String] = []
        /// The distribution point the IssuingDistributionPoint names (nil: none, a full CRL of its issuer):
        /// the CRL then answers only for certificates whose distribution point is that one.
        public var distributionPoint: DistributionPoint?

        /// Neither a delta nor limited to some reasons, and nothing critical left unread.
        public var isComplete: Bool { !isDelta && !partial && unknownCritical.isEmpty }
    }

    /// What the CRL says about one certificate.
    public enum Entry: Sendable, Equatable {
        /// Not listed.
        case notListed
        case revoked(time: Int64, reason: Int)
        /// Listed, but a time or the entry cannot be read: no answer.
        case unreadable
    }

    public init?(der: [UInt8]) {
        defer { OpenSSLError.clear() }
        guard let parsed = decodeDER(der, with: { d2i_X509_CRL(nil, $0, $1) })?.object else { return nil }
        crl = parsed
        self.der = der
    }

    deinit { X509_CRL_free(crl) }

    /// thisUpdate; nil when it cannot be read.
    public var thisUpdate: Int64? { ASN1Time.seconds(X509_CRL_get0_lastUpdate(crl)) }

    /// nextUpdate; nil when absent or unreadable (see ``hasUnreadableNextUpdate``).
    public var nextUpdate: Int64? { ASN1Time.seconds(X509_CRL_get0_nextUpdate(crl)) }

    /// ExpiredCertsOnCRL (X.509 §9.6.2.7, OID 2.5.29.60): the CRL still lists revoked certificates
    /// that expired at or after this time. nil when absent or unreadable.
    public var expiredCertificatesSince: Int64? {
        defer { OpenSSLError.clear() }
        guard let oid = OBJ_txt2obj("2.5.29.60", 1) else { return nil }
        defer { ASN1_OBJECT_free(oid) }
        let index = X509_CRL_get_ext_by_OBJ(crl, oid, -1)
        guard index >= 0, let value = extensionValue(X509_CRL_get_ext(crl, index)) else { return nil }
        return value.withUnsafeBufferPointer { buffer -> Int64? in
            var cursor = buffer.baseAddress
            guard let time = d2i_ASN1_GENERALIZEDTIME(nil, &cursor, buffer.count) else { return nil }
            defer { ASN1_GENERALIZEDTIME_free(time) }
            // The whole value, nothing after the time.
            return cursor == buffer.baseAddress.map { $0 + buffer.count } ? ASN1Time.seconds(time) : nil
        }
    }

    /// True when a nextUpdate is present but cannot be read as a time.
    public var hasUnreadableNextUpdate: Bool { X509_CRL_get0_nextUpdate(crl) != nil && nextUpdate == nil }

    /// The issuer name in RFC 2253 form, for reports.
    public var issuer: String { Certificate.text(X509_CRL_get_issuer(crl)) }

    /// True when the CRL's issuer name is `certificate`'s subject name.
    public func isNamed(for certificate: Certificate) -> Bool {
        guard let name = X509_CRL_get_issuer(crl), let subject = X509_get_subject_name(certificate.x509) else { return false }
        return X509_NAME_cmp(name, subject) == 0
    }

    /// True when the CRL's signature verifies with `issuer`'s public key.
    public func isSigned(by issuer: Certificate) -> Bool {
        defer { OpenSSLError.clear() }
        guard let key = X509_get0_pubkey(issuer.x509) else { return false }
        return X509_CRL_verify(crl, key) == 1
    }

    /// True when the CRL's issuer name is the DER-encoded `name` (a cRLIssuer of a distribution point).
    public func isNamed(derName name: [UInt8]) -> Bool {
        defer { OpenSSLError.clear() }
        guard let parsed = decodeDER(name, with: { d2i_X509_NAME(nil, $0, $1) })?.object else { return false }
        defer { X509_NAME_free(parsed) }
        guard let own = X509_CRL_get_issuer(crl) else { return false }
        return X509_NAME_cmp(own, parsed) == 0
    }

    /// The entry for `certificate`: its serial number under its issuer's name. For a direct CRL the
    /// issuer is the CRL's own; an indirect CRL's entries name their CA in a certificateIssuer
    /// extension (RFC 5280 §5.3.3, which OpenSSL carries over to the entries that follow), so a
    /// serial listed for another CA is not this certificate's.
    public func entry(for certificate: Certificate) -> Entry {
        defer { OpenSSLError.clear() }
        var revoked: OpaquePointer?
        let found = X509_CRL_get0_by_cert(crl, &revoked, certificate.x509)
        guard found != 0 else { return .notListed }
        guard let revoked, let time = ASN1Time.seconds(X509_REVOKED_get0_revocationDate(revoked)) else { return .unreadable }
        var critical: Int32 = 0
        var reason = -1
        if let value = X509_REVOKED_get_ext_d2i(revoked, NID_crl_reason, &critical, nil) {
            let enumerated = value.assumingMemoryBound(to: ASN1_ENUMERATED.self)
            reason = Int(ASN1_ENUMERATED_get(enumerated))
            ASN1_ENUMERATED_free(enumerated)
        } else if critical != -1 {
            return .unreadable  // present but unparsable
        }
        return .revoked(time: time, reason: reason)
    }

    /// Reads the extensions that limit what the CRL may answer.
    public var scope: Scope {
        defer { OpenSSLError.clear() }
        var scope = Scope()
        let understood: Set<Int32> = [NID_crl_number, NID_authority_key_identifier, NID_issuing_distribution_point, NID_delta_crl]
        for index in 0..<X509_CRL_get_ext_count(crl) {
            guard let ext = X509_CRL_get_ext(crl, index) else { continue }
            let nid = OBJ_obj2nid(X509_EXTENSION_get_object(ext))
            if nid == NID_delta_crl { scope.isDelta = true }
            if X509_EXTENSION_get_critical(ext) != 0, !understood.contains(nid) {
                scope.unknownCritical.append(nid == NID_undef ? "unknown" : String(cString: OBJ_nid2sn(nid)))
            }
        }
        var critical: Int32 = 0
        if let value = X509_CRL_get_ext_d2i(crl, NID_issuing_distribution_point, &critical, nil) {
            let idp = value.assumingMemoryBound(to: ISSUING_DIST_POINT.self)
            scope.isIndirect = idp.pointee.indirectCRL != 0
            scope.onlyUserCertificates = idp.pointee.onlyuser != 0
            scope.onlyCACertificates = idp.pointee.onlyCA != 0
            scope.partial = idp.pointee.onlysomereasons != nil || idp.pointee.onlyattr != 0
            let named = idp.pointee.distpoint != nil
            ISSUING_DIST_POINT_free(idp)
            if named {
                let index = X509_CRL_get_ext_by_NID(crl, NID_issuing_distribution_point, -1)
                let fields = index >= 0 ? extensionValue(X509_CRL_get_ext(crl, index)).flatMap { DER($0)?.children } : nil
                // A name OpenSSL read but this reader cannot: a point nothing matches (fail closed).
                let point = fields.map(DistributionPoint.init)
                scope.distributionPoint = point?.fullNames == nil ? .unreadable : point
            }
        } else if critical != -1 {
            scope.unknownCritical.append("unreadable issuingDistributionPoint")
        }
        return scope
    }
}
