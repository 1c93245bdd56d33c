import Net
import PKI

/// One RFC 3161 exchange over HTTP: POST the request, bounded in time and size, then accept only
/// a granted token over exactly the requested imprint (checked by ``TimeStampRequest``).
public enum TimeStampExchange {
    public enum Failure: Error, Sendable, CustomStringConvertible {
        case transport(HTTPError)
        case http(Int)
        /// Not a granted token over our imprint (the reason as the request check gives it).
        case response(String)

        public var description: String {
            switch self {
            case let .transport(error): "\(error)"
            case let .http(status): "HTTP \(status)"
            case let .response(reason): reason
            }
        }
    }

    public static func run(_ request: TimeStampRequest, url: String, timeout: Double, connectTimeout: Double) -> Result<[UInt8], Failure> {
        let response: HTTPResponse
        do {
            response = try HTTPClient.send(HTTPRequest(url: url, body: request.der, headers: ["Content-Type: application/timestamp-query"],
                                                       timeout: timeout, connectTimeout: connectTimeout, maxBytes: 1 << 20))
        } catch {
            return .failure(.transport(error))
        }
        guard response.status == 200 else { return .failure(.http(response.status)) }
        switch request.token(fromResponse: response.body) {
        case let .success(token): return .success(token)
        case let .failure(failure): return .failure(.response("\(failure)"))
        }
    }
}
