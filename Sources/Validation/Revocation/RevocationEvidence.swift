import Findings
import PKI
import Trust
import XAdES

/// One OCSP response examined for the signer.
public struct RevocationEvidence: Sendable {
    public let producedAt: Int64?
    /// What it says about the signer; nil when it does not concern the signer.
    public let status: OCSPResponse.SingleResult?
    public let responder: Certificate?
    public let responderSigned: Bool
    public internal(set) var responderTrusted: Bool
    /// How the responder is trusted (`TSL: …`, `anchor: …`, `CA-delegated by …`).
    public internal(set) var trustedBy: String?
    /// TM only: the nonce is the DigestInfo of the SignatureValue.
    public let nonceMatches: Bool?
    /// TM only: the responder certificate carries the time-mark policy OID.
    public let timeMarkResponder: Bool
    /// True when fetched online at validation time rather than embedded.
    public let fetched: Bool
    public internal(set) var findings: [Finding]
    /// An OCSP response or a CRL (whose `producedAt` is its thisUpdate, `responder` its issuer).
    public internal(set) var source: Source = .ocsp
    /// The response's or CRL's DER, for reports (nil when it could not be read).
    public internal(set) var der: [UInt8]?

    public enum Source: String, Sendable { case ocsp = "OCSP", crl = "CRL" }

    /// A usable answer about the signer from a responder we trust.
    public var isAcceptable: Bool { status != nil && responderSigned && responderTrusted }

    /// "the OCSP response" or "the CRL", for messages.
    public var noun: String { source == .ocsp ? "the OCSP response" : "the CRL" }
}

/// Examines embedded (or fetched) OCSP responses: CertID matches the signer, the signature
/// verifies with the responder certificate, and the responder is entitled to answer for the
/// signer at producedAt (``ResponderAuthority``).
struct RevocationValidator {
    let store: TrustStore

    /// Responder certificate policies that allow time-marks: SK's production profile, and the one
    /// SK's TEST responders carry (libdigidocpp's `ocsp.tm.profile` lists both for test mode).
    static let timeMarkPolicies: Set<String> = ["1.3.6.1.4.1.10015.4.1.2", "1.3.6.1.4.1.10015.3.1.1"]

    /// `issuerAnchor`: how the issuer is trusted when it is not as a CA for signing (a TSU's listed
    /// TSA CA); nil validates the issuer for signing.
    func examine(_ der: [UInt8], signer: Certificate, issuer: Certificate?, pool: [Certificate], signatureValue: [UInt8]?,
                 timeMark: Bool, fetched: Bool, label: String, issuerAnchor: ChainValidation? = nil) -> RevocationEvidence {
        examine(OCSPResponse.parsed(der), signer: signer, issuer: issuer, pool: pool, signatureValue: signatureValue,
                timeMark: timeMark, fetched: fetched, label: label, issuerAnchor: issuerAnchor)
    }

    /// The same for a response already parsed (nil: it could not be), so a signature's OCSP values
    /// are parsed once however many certificates (signer, CAs, TSUs) they are asked about.
    func examine(_ parsed: OCSPResponse?, signer: Certificate, issuer: Certificate?, pool: [Certificate], signatureValue: [UInt8]?,
                 timeMark: Bool, fetched: Bool, label: String, issuerAnchor: ChainValidation? = nil) -> RevocationEvidence {
        var findings: [Finding] = []
        guard let response = parsed, response.isSuccessful else {
            findings.append(.error("ocsp.malformed", "an OCSP response is malformed or not successful", subject: label))
            return RevocationEvidence(producedAt: nil, status: nil, responder: nil, responderSigned: false, responderTrusted: false,
                                      trustedBy: nil, nonceMatches: nil, timeMarkResponder: false, fetched: fetched, findings: findings)
        }
        let all = pool + response.certificates
        let status = issuer.flatMap { response.status(of: signer, issuer: $0) }
        guard status != nil else {
            // About another certificate (a CA's or a TSU's): not this question's evidence.
            findings.append(.info("ocsp.other-certificate", "an OCSP response does not concern the signer certificate", subject: label))
            return RevocationEvidence(producedAt: response.producedAt, status: nil, responder: nil, responderSigned: false, responderTrusted: false,
                                      trustedBy: nil, nonceMatches: nil, timeMarkResponder: false, fetched: fetched, findings: findings)
        }
        let responder = response.responder(among: all)
        let signed = responder.map(response.isSigned(by:)) ?? false
        var trusted = false
        var trustedBy: String?
        if let responder, signed, let producedAt = response.producedAt {
            switch ResponderAuthority.check(responder, issuer: issuer, issuerAnchor: issuerAnchor, store: store, pool: all, at: producedAt) {
            case let .entitled(how):
                trusted = true
                trustedBy = how
            case let .notEntitled(why):
                findings.append(.error("ocsp.responder-not-authorized",
                                       "the OCSP responder \(responder.subjectAttribute("CN") ?? responder.subject) may not answer for the signer: \(why)",
                                       subject: label))
            }
        } else if responder == nil {
            findings.append(.error("ocsp.no-responder-certificate", "the OCSP responder certificate is not available", subject: label))
        } else if !signed {
            findings.append(.error("ocsp.signature-invalid", "the OCSP response signature does not verify", subject: label))
        }
        if let problem = ExpiredCertificateAnswer.problem(status, certificate: signer) {
            findings.append(.error("revocation.after-expiry", "the OCSP response is not acceptable: \(problem)", subject: label))
            trusted = false
            trustedBy = nil
        }
        var nonceMatches: Bool?
        var timeMarkResponder = false
        if timeMark {
            nonceMatches = Self.nonceMatches(response.nonce, signatureValue: signatureValue)
            timeMarkResponder = !(responder.map { Set($0.policyOIDs) } ?? []).isDisjoint(with: Self.timeMarkPolicies)
        } else if Self.isDigestInfoNonce(response.nonce) {
            // A time-mark-shaped nonce outside the LT-TM profile (a time-stamp was added to a
            // time-mark signature): it still says which signature value the response is bound to.
            nonceMatches = Self.nonceMatches(response.nonce, signatureValue: signatureValue)
        }
        var evidence = RevocationEvidence(producedAt: response.producedAt, status: status, responder: responder, responderSigned: signed,
                                          responderTrusted: trusted, trustedBy: trustedBy, nonceMatches: nonceMatches,
                                          timeMarkResponder: timeMarkResponder, fetched: fetched, findings: findings)
        evidence.der = response.der
        return evidence
    }

    /// True when the nonce is a DigestInfo (optionally in an OCTET STRING): the shape of a time-mark
    /// nonce, which random request nonces never have.
    static func isDigestInfoNonce(_ nonce: [UInt8]?) -> Bool {
        guard let nonce, var element = DER(nonce) else { return false }
        if element.tag == 0x04, let inner = DER(element.content) { element = inner }
        guard element.tag == 0x30, let parts = element.children, parts.count == 2 else { return false }
        return parts[0].tag == 0x30 && parts[1].tag == 0x04
    }

    /// The digests a time-mark nonce may use (SHA-1 and SHA-2; responders write no others).
    static let nonceDigests: Set<DigestAlgorithm> = [.sha1, .sha224, .sha256, .sha384, .sha512]

    /// BDOC time-mark nonce: DigestInfo(H(SignatureValue bytes)), optionally wrapped in an OCTET
    /// STRING; BDOC 1.0-era responders (policy …3.1.1) put the bare digest in the OCTET STRING.
    /// Either way it must be the digest of this signature value.
    static func nonceMatches(_ nonce: [UInt8]?, signatureValue: [UInt8]?) -> Bool {
        guard let nonce, let value = signatureValue, var element = DER(nonce) else { return false }
        if element.tag == 0x04 {
            if let inner = DER(element.content), inner.tag == 0x30 {
                element = inner
            } else {
                let bare = element.content
                return nonceDigests.contains { $0.length == bare.count && Digest.hash(value, $0) == bare }
            }
        }
        guard element.tag == 0x30, let parts = element.children, parts.count == 2, parts[1].tag == 0x04,
              let algorithm = parts[0].children?.first, algorithm.tag == 0x06, let oid = DER.oid(algorithm.content) else { return false }
        guard let digest = DigestAlgorithm(oid: oid), nonceDigests.contains(digest) else { return false }
        return Digest.hash(value, digest) == parts[1].content
    }
}
