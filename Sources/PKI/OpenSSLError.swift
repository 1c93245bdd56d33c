internal import COpenSSL

/// Drains OpenSSL's thread-local error queue into one readable line, so a stale error never
/// leaks into the next operation's message.
enum OpenSSLError {
    static func drain() -> String {
        var messages: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(String(nulTerminated: buffer))
        }
        return messages.isEmpty ? "unknown OpenSSL error" : messages.joined(separator: "; ")
    }

    static func clear() {
        ERR_clear_error()
    }
}
