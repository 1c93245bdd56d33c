import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A bare TCP client for what a well-behaved HTTP library will not do: send part of a body and
/// hang up, or trickle it.
public final class RawSocket: @unchecked Sendable {
    private var descriptor: Int32

    public init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard descriptor >= 0, connected == 0 else { throw RawSocketError.connect }
    }

    public func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return }
            offset += sent
        }
    }

    public func send(_ text: String) { send(Array(text.utf8)) }

    /// One answer: what the server sends until its Content-Length is complete, it closes, or
    /// `seconds` pass.
    public func readAll(seconds: Double = 10) -> String {
        var timeout = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1e6))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            out += buffer[0..<count]
            if let text = String(bytes: out, encoding: .utf8), text.contains("\r\n\r\n"),
               let length = Self.contentLength(text), text.utf8.count >= (text.range(of: "\r\n\r\n")!.upperBound.utf16Offset(in: text) + length) {
                break
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func contentLength(_ text: String) -> Int? {
        for line in text.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
            return Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    public func close() {
        if descriptor >= 0 { Glibc.close(descriptor); descriptor = -1 }
    }

    deinit { close() }
}

public enum RawSocketError: Error { case connect }
