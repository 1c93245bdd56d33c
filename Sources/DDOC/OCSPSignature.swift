import PKI

/// The signature of a time-mark OCSP response, checked over the bytes as they are. OpenSSL 3
/// refuses a signature BIT STRING whose unused-bits octet is not zero, and SK's responders of
/// 2002 wrote one; the reference implementation (BouncyCastle) reads the octets that follow.
/// Such a response is accepted only when the RSA signature over the encoded tbsResponseData
/// verifies with the responder's key, and the caller says so in a warning.
enum OCSPSignature {
    enum Check { case valid, validWithUnusedBits, invalid }

    static func check(_ der: [UInt8], response: OCSPResponse, responder: Certificate) -> Check {
        if response.isSigned(by: responder) { return .valid }
        // OCSPResponse { status, [0] { SEQUENCE { type, OCTET STRING BasicOCSPResponse } } }
        guard let bytes = DER(der)?.children?.first(where: { $0.tag == 0xA0 })?.children?.first?.children, bytes.count == 2,
              let basic = DER(bytes[1].content)?.children, basic.count >= 3, basic[2].tag == 0x03,
              let unused = basic[2].content.first, unused != 0,
              let digest = OCSPResponse.signatureDigest(der: der), let key = responder.publicKey, key.kind == .rsa else { return .invalid }
        var notes = SignatureVerifier.Notes()
        let algorithm = SignatureAlgorithm(scheme: .rsaPKCS1, digest: digest, uri: "")
        let value = Array(basic[2].content.dropFirst())
        return SignatureVerifier.verify(value, over: basic[0].encoded, key: key, algorithm: algorithm, notes: &notes) == .valid ? .validWithUnusedBits : .invalid
    }
}
