import Findings
import PKI
import XMLSecurity

/// The OCSP time-mark of a DDOC signature (`ddoc.md` §6): one response, signed by a trusted
/// responder, about the signer's certificate, "good", its nonce the SHA-1 of the SignatureValue
/// bytes, and matching the references the signature keeps (OCSPRef digest and producedAt,
/// CompleteCertificateRefs for the responder).
struct TimeMarkCheck {
    let file: DigiDocFile
    let trust: DDOCTrust
    let signer: Certificate?
    let signatureValue: [UInt8]?
    let unsigned: XMLElement?
    let id: String

    struct Outcome {
        var errors: [Finding] = []
        var warnings: [Finding] = []
        var producedAt: Int64?
        var responder: Certificate?
        var status: String?
    }

    func run() -> Outcome {
        var outcome = Outcome()
        func error(_ key: String, _ message: String) { outcome.errors.append(.error(key, message, subject: id)) }
        let format = file.format
        let values = unsigned?.first("RevocationValues").map { revocation in
            revocation.children.filter { $0.localName == "EncapsulatedOCSPValue" }
                + revocation.children.filter { $0.localName == "OCSPValues" }.flatMap { $0.children.filter { $0.localName == "EncapsulatedOCSPValue" } }
        } ?? []
        guard let value = values.first else {
            error("ddoc.ocsp-missing", "Signature has no OCSP confirmation!")
            return outcome
        }
        if values.count > 1 { error("ddoc.ocsp-count", "Signature has \(values.count) OCSP confirmations, expected one") }
        guard !value.text.trimmingWhitespace.isEmpty else {
            error("ddoc.ocsp-empty", "OCSP value is empty!")
            return outcome
        }
        guard let der = Base64.decode(value.text), let response = OCSPResponse.parsed(der), response.isSuccessful else {
            error("ddoc.ocsp-malformed", "OCSP response cannot be read")
            return outcome
        }
        outcome.producedAt = response.producedAt
        if response.producedAt == nil { error("ddoc.ocsp-time", "OCSP producedAt cannot be read") }

        // The responder: a configured (trusted) responder certificate, by the response's ResponderID.
        let embedded = unsigned?.first("CertificateValues").map { $0.children.filter { $0.localName == "EncapsulatedX509Certificate" } }?
            .compactMap { Base64.decode($0.text).flatMap(Certificate.init(der:)) } ?? []
        // Several generations of one responder share its name: the one whose key signed it.
        let named = response.responder(among: trust.responders + embedded)
        var lenient = false
        let responder = named.flatMap { candidate in
            trust.responders.filter { $0.subject == candidate.subject }.first { trusted in
                switch OCSPSignature.check(der, response: response, responder: trusted) {
                case .valid: return true
                case .validWithUnusedBits:
                    lenient = true
                    return true
                case .invalid: return false
                }
            }
        }
        if lenient {
            outcome.warnings.append(.warning("ddoc.ocsp-bit-string", "the OCSP response's signature BIT STRING declares unused bits; its octets verify", subject: id))
        }
        outcome.responder = responder ?? named
        // The responder certificate the signature carries must be that responder's (the
        // reference implementation verifies the response with it too).
        let carried = unsigned?.first("CertificateValues").map { $0.children.filter { $0.localName == "EncapsulatedX509Certificate" } } ?? []
        if let responder, !carried.isEmpty, !embedded.contains(responder) {
            error("ddoc.responder-cert", "the responder certificate in CertificateValues is not the certificate of the OCSP responder")
        }
        if responder == nil {
            let name = named.flatMap { $0.subjectAttribute("CN") } ?? "unknown"
            if let named, trust.responders.contains(where: { $0.subject == named.subject }) {
                error("ddoc.ocsp-signature", "OCSP response's signature is not valid")
            } else {
                error("ddoc.ocsp-responder", "No certificate for responder: '\(name)' found in local certificate store!")
            }
        }

        // What it says about the signer.
        if let signer {
            let issuers = trust.authorities.filter { signer.isIssued(by: $0) }
            switch issuers.lazy.compactMap({ response.status(of: signer, issuer: $0) }).first?.status {
            case .good?: outcome.status = "good"
            case .revoked?:
                outcome.status = "revoked"
                error("ddoc.ocsp-revoked", "Certificate has been revoked!")
            case .unknown?:
                outcome.status = "unknown"
                error("ddoc.ocsp-unknown", "Certificate status is unknown!")
            case .unreadable?:
                error("ddoc.ocsp-unreadable", "OCSP response has a time that cannot be read")
            case nil where !issuers.isEmpty:
                error("ddoc.ocsp-other-certificate", "OCSP response does not concern the signer's certificate")
            case nil:
                // The reference implementation needs the CA to read the answer and says so.
                error("ddoc.ocsp-unknown-ca", "Unknown CA cert: \(signer.issuer)")
            }
        }

        // The nonce binds the time-mark to this signature value.
        let nonce = response.nonce
        let expected = signatureValue.map { Digest.hash($0, .sha1) }
        let nonceMatches = expected.map { expected in nonce == expected || nonce == [0x04, 0x14] + expected } ?? false
        if !nonceMatches { error("ddoc.ocsp-nonce", "OCSP response's nonce doesn't match the requests nonce!") }

        // The references the signature keeps to its time-mark.
        if let reference = unsigned?.first("CompleteRevocationRefs", "OCSPRefs", "OCSPRef") {
            if !format.isSKXML {
                let digest = reference.first("DigestAlgAndValue", "DigestValue").flatMap { Base64.decode($0.text) }
                if digest != Digest.hash(der, .sha1) { error("ddoc.ocsp-ref-digest", "Notarys digest doesn't match!") }
                let produced = reference.first("OCSPIdentifier", "ProducedAt").flatMap { DigiDocTime.parse($0.text, format: format) }
                if produced == nil || produced != response.producedAt {
                    error("ddoc.ocsp-ref-time", "OCSP response's producedAt does not match the OCSPRef ProducedAt")
                }
            }
        } else {
            error("ddoc.ocsp-ref-missing", "CompleteRevocationRefs has no OCSPRef")
        }
        if let cert = unsigned?.first("CompleteCertificateRefs").flatMap({ $0.first("CertRefs", "Cert") ?? $0.first("Cert") }),
           let responder = outcome.responder {
            if cert.first("CertDigest", "DigestValue").flatMap({ Base64.decode($0.text) }) != responder.digest(.sha1) {
                error("ddoc.responder-digest", "Notary certificates digest doesn't match!")
            }
            if let issuerSerial = cert.first("IssuerSerial") {
                let serial = issuerSerial.children.first { $0.localName == "X509SerialNumber" }?.text ?? issuerSerial.text
                if !responder.serialMatches(serial) { error("ddoc.responder-serial", "Wrong notarys certificate: \(serial.trimmingWhitespace)") }
            }
        } else {
            error("ddoc.responder-ref-missing", "CompleteCertificateRefs has no responder certificate reference")
        }
        return outcome
    }
}
