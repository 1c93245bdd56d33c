internal import CCurl
import Findings

/// One HTTP(S) request, bounded in time and size. Proxies come from the environment
/// (`https_proxy`, `no_proxy`, as libcurl reads them).
public struct HTTPRequest: Sendable {
    public var url: String
    public var body: [UInt8]?
    public var headers: [String]
    /// Whole-transfer timeout.
    public var timeout: Double
    public var connectTimeout: Double
    /// Responses larger than this are refused (trusted lists are under 2 MiB, OCSP under 64 KiB).
    public var maxBytes: Int
    public var maxRedirects: Int

    public init(url: String, body: [UInt8]? = nil, headers: [String] = [], timeout: Double = 30, connectTimeout: Double = 10,
                maxBytes: Int = 16 << 20, maxRedirects: Int = 5) {
        self.url = url
        self.body = body
        self.headers = headers
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.maxBytes = maxBytes
        self.maxRedirects = maxRedirects
    }
}

public struct HTTPResponse: Sendable {
    public let status: Int
    public let body: [UInt8]
    /// Header names lower-cased; the last value wins.
    public let headers: [String: String]
}

public struct HTTPError: Error, Sendable, CustomStringConvertible {
    /// `http.timeout`, `http.connect`, `http.too-large`, `http.transport`, `http.url`.
    public let key: String
    public let message: String
    public var description: String { message }

    public init(key: String, message: String) {
        self.key = key
        self.message = message
    }
}

/// A minimal libcurl client: one easy handle per request (never shared between threads),
/// http and https only, redirects limited, bodies capped while they arrive.
public enum HTTPClient {
    public static func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        guard request.url.hasPrefix("http://") || request.url.hasPrefix("https://") else {
            throw HTTPError(key: "http.url", message: "only http and https URLs are fetched: \(request.url)")
        }
        guard let handle = ccurl_easy_init() else {
            let reason = ccurl_load_error().map { String(cString: $0) } ?? "cannot create a curl handle"
            throw HTTPError(key: "http.transport", message: "\(reason); \(request.url) is not fetched")
        }
        defer { ccurl_easy_cleanup(handle) }
        let sink = Sink(limit: request.maxBytes)
        var headerList: UnsafeMutablePointer<curl_slist>?
        for header in request.headers { headerList = ccurl_slist_append(headerList, header) }
        defer { ccurl_slist_free_all(headerList) }

        // Every option is checked: a transfer whose safety options (protocols, redirects, time and
        // size bounds) did not apply is refused rather than run.
        let results: [(String, CURLcode)] = [
            ("URL", ccurl_setopt_str(handle, CURLOPT_URL, request.url)),
            ("PROTOCOLS_STR", ccurl_setopt_str(handle, CURLOPT_PROTOCOLS_STR, "http,https")),
            ("REDIR_PROTOCOLS_STR", ccurl_setopt_str(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")),
            ("FOLLOWLOCATION", ccurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 1)),
            ("MAXREDIRS", ccurl_setopt_long(handle, CURLOPT_MAXREDIRS, request.maxRedirects)),
            ("TIMEOUT_MS", ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(request.timeout * 1000))),
            ("CONNECTTIMEOUT_MS", ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(request.connectTimeout * 1000))),
            ("NOSIGNAL", ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)),
            ("USERAGENT", ccurl_setopt_str(handle, CURLOPT_USERAGENT, "asic/0.1")),
            ("HTTPHEADER", ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)),
            ("WRITEFUNCTION", ccurl_setopt_write_cb(handle, writeBody)),
            ("HEADERFUNCTION", ccurl_setopt_header_cb(handle, writeHeader)),
        ]
        if let failed = results.first(where: { $0.1 != CURLE_OK }) {
            throw HTTPError(key: "http.transport", message: "libcurl refused option \(failed.0) (\(String(cString: ccurl_easy_strerror(failed.1)))); the request is not sent")
        }
        let code: CURLcode = withExtendedLifetime(sink) {
            let pointer = Unmanaged.passUnretained(sink).toOpaque()
            let sinks = [ccurl_setopt_ptr(handle, CURLOPT_WRITEDATA, pointer), ccurl_setopt_ptr(handle, CURLOPT_HEADERDATA, pointer)]
            if let failed = sinks.first(where: { $0 != CURLE_OK }) { return failed }
            guard let body = request.body else { return ccurl_easy_perform(handle) }
            // CURLOPT_POSTFIELDS is not copied: perform while the buffer is alive.
            return body.withUnsafeBufferPointer { buffer in
                let size = ccurl_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(buffer.count))
                let fields = ccurl_setopt_ptr(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: buffer.baseAddress))
                guard size == CURLE_OK, fields == CURLE_OK else { return size != CURLE_OK ? size : fields }
                return ccurl_easy_perform(handle)
            }
        }
        if sink.overflowed {
            throw HTTPError(key: "http.too-large", message: "response from \(request.url) exceeds \(request.maxBytes) bytes")
        }
        guard code == CURLE_OK else {
            let reason = String(cString: ccurl_easy_strerror(code))
            let key = switch code {
            case CURLE_OPERATION_TIMEDOUT: "http.timeout"
            case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: "http.connect"
            default: "http.transport"
            }
            throw HTTPError(key: key, message: "\(request.url): \(reason)")
        }
        var status = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, body: sink.body, headers: sink.headers)
    }
}

/// Collects a response, refusing to grow past its limit.
private final class Sink {
    let limit: Int
    var body: [UInt8] = []
    var headers: [String: String] = [:]
    var overflowed = false

    init(limit: Int) { self.limit = limit }
}

private let writeBody: ccurl_write_cb = { data, size, count, context in
    guard let data, let context else { return 0 }
    let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    guard sink.body.count + length <= sink.limit else {
        sink.overflowed = true
        return 0
    }
    data.withMemoryRebound(to: UInt8.self, capacity: length) { sink.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length)) }
    return length
}

private let writeHeader: ccurl_write_cb = { data, size, count, context in
    guard let data, let context else { return 0 }
    let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    let line = data.withMemoryRebound(to: UInt8.self, capacity: length) {
        String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
    }
    if line.hasPrefix("HTTP/") {
        sink.headers = [:] // a redirect's headers are not the final response's
    } else if let colon = line.firstIndex(of: ":") {
        let name = line[..<colon].lowercased()
        let value = line[line.index(after: colon)...].trimming(" \t\r\n")
        sink.headers[name] = value
    }
    return length
}
