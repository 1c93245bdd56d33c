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

/// Reads one object from the start of `der` with an OpenSSL `d2i_…` function, called as
/// `read(&cursor, der.count)`; every parser of DER input goes through here so that a failed
/// parse never leaves its errors queued for the next operation's message.
/// - Returns: the object and how many bytes of `der` it took (a caller that needs the whole
///   input to be one object compares this with `der.count`), nil when no object could be read.
func decodeDER<Object>(_ der: [UInt8], with read: (UnsafeMutablePointer<UnsafePointer<UInt8>?>, Int) -> Object?)
    -> (object: Object, consumed: Int)? {
    var consumed = 0
    let object: Object? = der.withUnsafeBufferPointer { buffer in
        var cursor = buffer.baseAddress
        let object = read(&cursor, buffer.count)
        if let start = buffer.baseAddress, let cursor { consumed = cursor - start }
        return object
    }
    guard let object else {
        OpenSSLError.clear()
        return nil
    }
    return (object, consumed)
}
