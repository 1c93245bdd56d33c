import Findings
/// How a Reference URI is read (RFC 3986, as the standards digest §3.2 describes).
public enum ReferenceURI: Sendable {
    case wholeDocument
    case fragment(String)
    /// A relative path, percent-decoded to bytes; `raw` is the URI's own bytes, tried second.
    case path(decoded: [UInt8], raw: [UInt8])
    case unsupported(String)

    public init(_ uri: String) {
        if uri.isEmpty {
            self = .wholeDocument
            return
        }
        if uri.hasPrefix("#") {
            var id = String(uri.dropFirst())
            // `#xpointer(id('x'))` names the same element as `#x`.
            if id.hasPrefix("xpointer(id("), id.hasSuffix("))") {
                id = String(id.dropFirst(12).dropLast(2)).trimming("'\"")
            }
            self = .fragment(id)
            return
        }
        if uri.hasPrefix("//") || uri.contains("?") || uri.contains("#") {
            self = .unsupported("URI \"\(uri)\" is not a relative path")
            return
        }
        if let colon = uri.firstIndex(of: ":"), !uri[..<colon].contains("/") {
            self = .unsupported("URI \"\(uri)\" has a scheme; only data files in the container can be signed")
            return
        }
        // A `%` that is no escape (`100%.txt` written raw) leaves only the raw name to try.
        let raw = Array(uri.utf8)
        self = .path(decoded: Self.percentDecode(uri) ?? raw, raw: raw)
    }

    /// `%XX` → byte; everything else (including `+`) is kept as is.
    static func percentDecode(_ text: String) -> [UInt8]? {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, let high = bytes[index + 1].hexDigitValue, let low = bytes[index + 2].hexDigitValue else { return nil }
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }
}
