import PKI

/// A "good" answer issued after the certificate expired proves nothing by itself: CAs drop expired
/// certificates from their CRLs and responders may forget them, so a certificate revoked and then
/// expired reads as not listed. Such an answer counts only when its issuer says it keeps expired
/// certificates from a time no later than the expiry (OCSP archiveCutoff, a CRL's
/// ExpiredCertsOnCRL), as DSS requires. A "revoked" answer stays evidence whenever it was issued.
enum ExpiredCertificateAnswer {
    /// Why `result` cannot say that `certificate` is good, or nil when it may.
    static func problem(_ result: OCSPResponse.SingleResult?, certificate: Certificate) -> String? {
        guard let result, case .good = result.status, let thisUpdate = result.thisUpdate, thisUpdate > certificate.notAfter else { return nil }
        if let since = result.keepsExpiredSince, since <= certificate.notAfter { return nil }
        let keeps = result.keepsExpiredSince.map { "keeps expired certificates only since \(ISOTime.format($0))" }
            ?? "does not say that it keeps expired certificates"
        return "it was issued (\(ISOTime.format(thisUpdate))) after the certificate expired (\(ISOTime.format(certificate.notAfter))) and \(keeps)"
    }
}
