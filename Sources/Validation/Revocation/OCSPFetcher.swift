import Findings
import Net
import PKI

/// Online revocation for signatures that carry none (B and T levels): an OCSP request with a
/// nonce to the certificate's AIA responder (or a configured one), over libcurl, bounded in time
/// and size. The response is then judged like an embedded one, and reported as fetched.
public struct OCSPFetcher: Sendable {
    /// Overrides the AIA responder (`--ocsp-url`).
    public let responderURL: String?
    public let timeout: Double

    public init(responderURL: String? = nil, timeout: Double = 10) {
        self.responderURL = responderURL
        self.timeout = timeout
    }

    public enum Outcome: Sendable {
        case response([UInt8])
        case failure(Finding)
    }

    public func fetch(for certificate: Certificate, issuer: Certificate, label: String) -> Outcome {
        guard let url = responderURL ?? certificate.ocspURLs.first else {
            return .failure(.warning("ocsp.fetch.no-url", "the signer certificate names no OCSP responder to ask", subject: label))
        }
        guard let request = OCSPRequest(certificate: certificate, issuer: issuer) else {
            return .failure(.error("ocsp.fetch.request", "cannot build an OCSP request", subject: label))
        }
        do {
            let response = try HTTPClient.send(HTTPRequest(url: url, body: request.der, headers: ["Content-Type: application/ocsp-request"],
                                                           timeout: timeout, connectTimeout: min(timeout, 5), maxBytes: 256 << 10,
                                                           maxRedirects: 2))
            guard response.status == 200 else {
                return .failure(.error("ocsp.fetch.http", "OCSP responder \(url) answered HTTP \(response.status)", subject: label))
            }
            guard let parsed = OCSPResponse(der: response.body) else {
                return .failure(.error("ocsp.fetch.garbage", "OCSP responder \(url) sent something that is not an OCSP response", subject: label))
            }
            guard parsed.isSuccessful else {
                return .failure(.error("ocsp.fetch.status", "OCSP responder \(url) refused the request (status \(parsed.responseStatus))", subject: label))
            }
            switch request.checkNonce(parsed) {
            case .matches: break
            case .missingInResponse:
                return .failure(.error("ocsp.fetch.no-nonce", "OCSP responder \(url) did not echo the request nonce (replay not excluded)", subject: label))
            case .mismatch:
                return .failure(.error("ocsp.fetch.nonce-mismatch", "OCSP responder \(url) answered with another nonce (replayed or forged)", subject: label))
            }
            return .response(response.body)
        } catch {
            return .failure(.error("ocsp.fetch.\(error.key.dropFirst(5))", "OCSP request to \(url) failed: \(error.message)", subject: label))
        }
    }
}
