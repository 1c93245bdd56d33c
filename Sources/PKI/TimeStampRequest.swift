internal import COpenSSL

/// An RFC 3161 request for a hash, with a nonce and the TSA certificate asked for; and the
/// reading of the TSA's answer into the token it carries.
public struct TimeStampRequest: Sendable {
    public let digest: [UInt8]
    public let algorithm: DigestAlgorithm
    public let nonce: [UInt8]
    public let der: [UInt8]

    public init?(digest: [UInt8], algorithm: DigestAlgorithm) {
        defer { OpenSSLError.clear() }
        var nonce = [UInt8](repeating: 0, count: 8)
        guard RAND_bytes(&nonce, 8) == 1 else { return nil }
        nonce[0] &= 0x7F
        // Each object is freed on every path, whichever allocation fails.
        guard let md = EVP_get_digestbyname(algorithm.openSSLName), let request = TS_REQ_new() else { return nil }
        defer { TS_REQ_free(request) }
        guard let imprint = TS_MSG_IMPRINT_new() else { return nil }
        defer { TS_MSG_IMPRINT_free(imprint) }
        guard let algor = X509_ALGOR_new() else { return nil }
        defer { X509_ALGOR_free(algor) }
        X509_ALGOR_set_md(algor, md)
        guard TS_MSG_IMPRINT_set_algo(imprint, algor) == 1,
              digest.withUnsafeBufferPointer({ TS_MSG_IMPRINT_set_msg(imprint, UnsafeMutablePointer(mutating: $0.baseAddress), Int32($0.count)) }) == 1,
              TS_REQ_set_version(request, 1) == 1, TS_REQ_set_msg_imprint(request, imprint) == 1,
              TS_REQ_set_cert_req(request, 1) == 1 else { return nil }
        guard let bn = BN_bin2bn(nonce, Int32(nonce.count), nil) else { return nil }
        defer { BN_free(bn) }
        guard let integer = BN_to_ASN1_INTEGER(bn, nil) else { return nil }
        defer { ASN1_INTEGER_free(integer) }
        guard TS_REQ_set_nonce(request, integer) == 1 else { return nil }
        var out: UnsafeMutablePointer<UInt8>?
        let length = i2d_TS_REQ(request, &out)
        guard length > 0, let out else { return nil }
        defer { cossl_free(out) }
        self.digest = digest
        self.algorithm = algorithm
        self.nonce = nonce
        der = Array(UnsafeBufferPointer(start: out, count: Int(length)))
    }

    /// The token (DER) of a granted response, or why there is none.
    public func token(fromResponse bytes: [UInt8]) -> Result<[UInt8], TimeStampFailure> {
        defer { OpenSSLError.clear() }
        guard let response = decodeDER(bytes, with: { d2i_TS_RESP(nil, $0, $1) })?.object else { return .failure(.malformed) }
        defer { TS_RESP_free(response) }
        guard let info = TS_RESP_get_status_info(response), let status = TS_STATUS_INFO_get0_status(info) else { return .failure(.malformed) }
        let code = ASN1_INTEGER_get(status)
        guard code == 0 || code == 1 else { return .failure(.refused(Int(code))) }
        guard let token = TS_RESP_get_token(response) else { return .failure(.malformed) }
        var out: UnsafeMutablePointer<UInt8>?
        let length = i2d_PKCS7(token, &out)
        guard length > 0, let out else { return .failure(.malformed) }
        defer { cossl_free(out) }
        let der = Array(UnsafeBufferPointer(start: out, count: Int(length)))
        guard let parsed = TimeStampToken(der: der), parsed.imprint == digest, parsed.imprintAlgorithm == algorithm else {
            return .failure(.wrongImprint)
        }
        return .success(der)
    }
}

public enum TimeStampFailure: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed
    case refused(Int)
    case wrongImprint

    public var description: String {
        switch self {
        case .malformed: "the TSA's answer is not an RFC 3161 response"
        case let .refused(status): "the TSA refused the request (status \(status))"
        case .wrongImprint: "the TSA's token does not cover what was sent"
        }
    }
}
