import Foundation
import Net
import TestSupport
import Testing

/// libcurl through `HTTPClient` against a python3 server on 127.0.0.1: status, body, the size
/// cap and the time limit, and a dead port.
@Suite("HTTP client", .serialized)
struct HTTPClientTests {
    static let server = """
    import http.server, sys, time
    class H(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
            if self.path in ('/file', '/ftp', '/loop'):
                target = {'/file': 'file:///etc/passwd', '/ftp': 'ftp://127.0.0.1/x', '/loop': '/loop'}[self.path]
                self.send_response(302); self.send_header('Location', target); self.send_header('Content-Length', '0'); self.end_headers(); return
            if self.path == '/drip':
                self.send_response(200); self.send_header('Content-Length', '100'); self.end_headers()
                for _ in range(100):
                    self.wfile.write(b'x'); self.wfile.flush(); time.sleep(1)
                return
            if self.path == '/endless':
                self.send_response(200); self.end_headers()
                while True:
                    self.wfile.write(b'y' * 65536)
            if self.path == '/big':
                data = b'x' * 300000
            elif self.path == '/missing':
                self.send_response(404); self.end_headers(); return
            else:
                data = body[::-1]
            self.send_response(200); self.send_header('Content-Length', str(len(data))); self.end_headers(); self.wfile.write(data)
        do_GET = do_POST
        def log_message(self, *a): pass
    # One thread a request: a dripping answer the client gave up on must not hold the next
    # request in the listen queue (on a loaded machine that cost the next test its time limit).
    http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
    """

    @Test func statusBodyAndBounds() throws {
        let server = try LocalHTTPServer(.script(Self.server, []))
        let echo = try HTTPClient.send(HTTPRequest(url: server.base + "/echo", body: Array("abc".utf8), timeout: 5, maxBytes: 1 << 10))
        #expect(echo.status == 200)
        #expect(echo.body == Array("cba".utf8))
        let missing = try HTTPClient.send(HTTPRequest(url: server.base + "/missing", body: [1], timeout: 5, maxBytes: 1 << 10))
        #expect(missing.status == 404)
        expectRefusal(HTTPRequest(url: server.base + "/big", body: [1], timeout: 5, maxBytes: 1 << 16), "http.too-large",
                      "a 300 kB answer passed a 64 KiB cap")
    }

    /// Redirects may lead only to http or https, and only so far.
    @Test func redirectsToOtherProtocolsAndLoopsAreRefused() throws {
        let server = try LocalHTTPServer(.script(Self.server, []))
        for path in ["/file", "/ftp", "/loop"] {
            expectRefusal(HTTPRequest(url: server.base + path, timeout: 5, maxBytes: 1 << 10, maxRedirects: 3), "http.transport",
                          "\(path) was followed")
        }
        expectRefusal(HTTPRequest(url: "file:///etc/passwd", timeout: 5, maxBytes: 1 << 10), "http.url", "a file URL was fetched")
    }

    /// A server that drips one byte a second is bounded by the total time, not only the connect
    /// time; one that never ends its body is cut at the size cap.
    @Test func drippingAndEndlessServersAreBounded() throws {
        let server = try LocalHTTPServer(.script(Self.server, []))
        expectRefusal(HTTPRequest(url: server.base + "/drip", timeout: 2, connectTimeout: 1, maxBytes: 1 << 10), "http.timeout",
                      within: 5, "a dripping answer completed")
        expectRefusal(HTTPRequest(url: server.base + "/endless", timeout: 10, connectTimeout: 1, maxBytes: 1 << 20), "http.too-large",
                      within: 8, "an endless answer completed")
    }

    @Test func slowAndDeadServersFailInTime() throws {
        let slow = try LocalHTTPServer(.slow(seconds: 5))
        expectRefusal(HTTPRequest(url: slow.base + "/", timeout: 1, connectTimeout: 1, maxBytes: 1 << 10), "http.timeout",
                      within: 4, "a 5 s answer arrived within a 1 s limit")
        expectRefusal(HTTPRequest(url: "http://127.0.0.1:\(closedPort())/", timeout: 2, connectTimeout: 2, maxBytes: 1 << 10), "http.connect",
                      "a closed port answered")
    }
}

/// `request` must fail with the error `key`, in less than `seconds` when that is bounded;
/// `success` says what an answer would mean.
private func expectRefusal(_ request: HTTPRequest, _ key: String, within seconds: TimeInterval = .infinity, _ success: String,
                           sourceLocation: SourceLocation = #_sourceLocation) {
    let started = Date()
    do {
        let response = try HTTPClient.send(request)
        Issue.record("\(success): status \(response.status) with \(response.body.count) bytes", sourceLocation: sourceLocation)
    } catch {
        #expect(error.key == key, "\(error.key) \(error.message)", sourceLocation: sourceLocation)
    }
    #expect(Date().timeIntervalSince(started) < seconds, sourceLocation: sourceLocation)
}
