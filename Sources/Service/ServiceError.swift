import HTTPTypes
import Hummingbird
import NIOCore
import Reports

/// An answer that is not a report: always JSON `{"requestErrors": [{"key", "message"}]}` (SiVa's
/// error shape), never a stack trace.
struct ServiceError: Error, Sendable {
    let status: HTTPResponse.Status
    let key: String
    let message: String
    /// Seconds a client should wait before trying again (503).
    var retryAfter: Int?

    init(_ status: HTTPResponse.Status, key: String, _ message: String, retryAfter: Int? = nil) {
        self.status = status
        self.key = key
        self.message = message
        self.retryAfter = retryAfter
    }

    var response: Response {
        let body = JSON.object([("requestErrors", .array([.object([("key", .string(key)), ("message", .string(message))])]))])
        var headers: HTTPFields = [.contentType: "application/json"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body.serialized() + "\n")))
    }

    static func full(retryAfter: Int) -> ServiceError {
        ServiceError(.serviceUnavailable, key: "service.busy", "every validation slot and queue place is taken; try again later",
                     retryAfter: retryAfter)
    }
}

extension Response {
    /// A 200 (or `status`) answer with `text` as its body.
    static func text(_ text: String, contentType: String, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func json(_ json: JSON, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        text(json.serialized() + "\n", contentType: "application/json", status: status, headers: headers)
    }
}

extension HTTPField.Name {
    /// The container verdict of a validation answer (for scripts, logs and metrics).
    static let asicVerdict = HTTPField.Name("X-Asic-Verdict")!
}
