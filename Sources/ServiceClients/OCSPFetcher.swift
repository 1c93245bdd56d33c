import Findings
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
        switch OCSPExchange.run(request, url: url, timeout: timeout, connectTimeout: min(timeout, 5), maxRedirects: 2) {
        case let .success(response):
            return .response(response.der)
        case let .failure(.transport(error)):
            return .failure(.error("ocsp.fetch.\(error.key.dropFirst(5))", "OCSP request to \(url) failed: \(error.message)", subject: label))
        case let .failure(.http(status)):
            return .failure(.error("ocsp.fetch.http", "OCSP responder \(url) answered HTTP \(status)", subject: label))
        case let .failure(.contentType(type)):
            return .failure(.error("ocsp.fetch.content-type", "OCSP responder \(url) answered with Content-Type \(type), not application/ocsp-response", subject: label))
        case .failure(.garbage):
            return .failure(.error("ocsp.fetch.garbage", "OCSP responder \(url) sent something that is not an OCSP response", subject: label))
        case let .failure(.refused(status)):
            return .failure(.error("ocsp.fetch.status", "OCSP responder \(url) refused the request (status \(status))", subject: label))
        case .failure(.nonceMissing):
            return .failure(.error("ocsp.fetch.no-nonce", "OCSP responder \(url) did not echo the request nonce (replay not excluded)", subject: label))
        case .failure(.nonceMismatch):
            return .failure(.error("ocsp.fetch.nonce-mismatch", "OCSP responder \(url) answered with another nonce (replayed or forged)", subject: label))
        }
    }
}
