import PKI

/// What DDOC validation trusts, as SiVa does: CA and OCSP responder certificates used directly as
/// anchors (no trusted lists, no path to a root, no revocation of the CAs).
public struct DDOCTrust: Sendable {
    /// Certificates that may issue signer certificates (basicConstraints CA).
    public let authorities: [Certificate]
    /// Certificates allowed to sign time-mark OCSP responses (the other, non-CA ones).
    public let responders: [Certificate]
    /// Where they came from, for reports.
    public let source: String

    public init(certificates: [Certificate], source: String) {
        authorities = certificates.filter(\.isCA)
        responders = certificates.filter { !$0.isCA }
        self.source = source
    }

    /// The SK production set compiled into the binary (TrustData/sk-ddoc).
    public static let bundled = DDOCTrust(certificates: BundledDDOCTrust.certificates.compactMap { Base64.decode($0.base64).flatMap(Certificate.init(der:)) },
                                          source: "bundled SK certificates (TrustData/sk-ddoc)")
}
