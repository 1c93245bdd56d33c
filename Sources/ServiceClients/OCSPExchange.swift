import Net
import PKI

/// One OCSP request/response exchange over HTTP, shared by the signer (LT, time-marks) and the
/// validator (online revocation): POST the request, bounded in time and size, then accept only a
/// successful response that echoes the request's nonce.
public enum OCSPExchange {
    public enum Failure: Error, Sendable {
        case transport(HTTPError)
        case http(Int)
        /// The body is not an OCSP response.
        case garbage
        /// The answer does not say it is an OCSP response (Content-Type).
        case contentType(String)
        /// A response status other than successful (1 malformedRequest … 6 unauthorized).
        case refused(Int)
        /// No nonce in the response: a replay is not excluded.
        case nonceMissing
        case nonceMismatch
    }

    public static func run(_ request: OCSPRequest, url: String, timeout: Double, connectTimeout: Double,
                           maxRedirects: Int = 0) -> Result<OCSPResponse, Failure> {
        let response: HTTPResponse
        do {
            response = try HTTPClient.send(HTTPRequest(url: url, body: request.der, headers: ["Content-Type: application/ocsp-request"],
                                                       timeout: timeout, connectTimeout: connectTimeout, maxBytes: 256 << 10,
                                                       maxRedirects: maxRedirects))
        } catch {
            return .failure(.transport(error))
        }
        guard response.status == 200 else { return .failure(.http(response.status)) }
        let type = response.headers.first { $0.key.lowercased() == "content-type" }?.value ?? "(none)"
        guard type.lowercased().hasPrefix("application/ocsp-response") else { return .failure(.contentType(type)) }
        guard let parsed = OCSPResponse(der: response.body) else { return .failure(.garbage) }
        guard parsed.isSuccessful else { return .failure(.refused(parsed.responseStatus)) }
        switch request.checkNonce(parsed) {
        case .matches: return .success(parsed)
        case .missingInResponse: return .failure(.nonceMissing)
        case .mismatch: return .failure(.nonceMismatch)
        }
    }
}
