import FuzzSupport
import PKI

/// DER handed to OpenSSL: certificate (and its extensions), OCSP response, RFC 3161 token, CRL.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    if let certificate = Certificate(der: input) {
        _ = (certificate.subject, certificate.issuer, certificate.serialDecimal, certificate.policyOIDs,
             certificate.keyUsageNames, certificate.crlDistributionPointURLs, certificate.ocspURLs, certificate.isCA,
             certificate.subjectKeyIdentifier, certificate.publicKey, certificate.subjectNameHash)
        _ = certificate.isIssued(by: certificate)
    }
    if let response = OCSPResponse(der: input) {
        _ = (response.producedAt, response.nonce, response.certificates, response.responseStatus)
        if let responder = response.responder(among: []) { _ = response.isSigned(by: responder) }
    }
    if let token = TimeStampToken(der: input) {
        _ = (token.imprint, token.imprintAlgorithm, token.certificates)
        _ = token.signer()
    }
    if let crl = CRL(der: input) {
        _ = (crl.thisUpdate, crl.nextUpdate, crl.issuer, crl.scope, crl.hasUnreadableNextUpdate)
    }
    _ = DER(input)?.children
    return 0
}

@_cdecl("FuzzDER_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
