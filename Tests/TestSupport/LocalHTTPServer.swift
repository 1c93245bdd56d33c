import Foundation
import Net

/// A python3 HTTP server on 127.0.0.1 started by the test: serves a folder (with conditional
/// GET), or answers slowly to exercise timeouts. Stopped when the value is released.
public final class LocalHTTPServer: @unchecked Sendable {
    public let port: Int
    private let process: Subprocess

    public enum Mode {
        case files(String)
        case slow(seconds: Double)
        /// A python3 script run as `python3 -c SCRIPT PORT ARGS...`; it must listen on 127.0.0.1:PORT.
        case script(String, [String])
    }

    public init(_ mode: Mode) throws {
        var lastError: Error?
        for _ in 0..<10 {
            // A port the kernel knows to be free: a random one could be another test's server,
            // which would then answer our readiness probe in place of this one.
            guard let port = freeLoopbackPort() else { continue }
            let arguments: [String]
            switch mode {
            case let .files(folder):
                arguments = ["python3", "-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", folder]
            case let .slow(seconds):
                let script = """
                import http.server, sys, time
                class H(http.server.BaseHTTPRequestHandler):
                    def do_GET(self):
                        time.sleep(\(seconds)); self.send_response(200); self.end_headers(); self.wfile.write(b'late')
                    def log_message(self, *a): pass
                http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
                """
                arguments = ["python3", "-c", script, String(port)]
            case let .script(script, extra):
                arguments = ["python3", "-c", script, String(port)] + extra
            }
            let process: Subprocess
            do {
                process = try Subprocess(arguments, stdout: .null, stderr: .null)
            } catch {
                lastError = error
                continue
            }
            // Wait until it listens (a connect failure answers at once; give it up to 5 s).
            for _ in 0..<50 {
                if !process.isRunning { break }
                do {
                    _ = try HTTPClient.send(HTTPRequest(url: "http://127.0.0.1:\(port)/", timeout: 0.3, connectTimeout: 0.3, maxBytes: 1 << 20))
                    self.port = port
                    self.process = process
                    return
                } catch where error.key == "http.timeout" {
                    self.port = port // listening but slow: that is the slow mode
                    self.process = process
                    return
                } catch {
                    Thread.sleep(forTimeInterval: 0.1)
                }
            }
            process.signal(SIGKILL)
            process.wait()
        }
        throw lastError ?? CocoaError(.featureUnsupported)
    }

    public var base: String { "http://127.0.0.1:\(port)" }

    deinit {
        process.signal(SIGKILL)
        process.wait()
    }
}

/// A loopback port with nothing listening.
public func closedPort() -> Int {
    Int.random(in: 45_001...50_000)
}

/// Asks the kernel for an unused loopback port (bind to port 0, read it back, release it).
func freeLoopbackPort() -> Int? {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    return bound ? Int(UInt16(bigEndian: address.sin_port)) : nil
}
