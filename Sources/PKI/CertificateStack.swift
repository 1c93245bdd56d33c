internal import COpenSSL

extension Certificate {
    /// A new reference to every certificate of an OpenSSL `STACK_OF(X509)` owned elsewhere (a
    /// token's, a response's, a verified chain's, a PKCS#12 file's), in stack order; one that cannot
    /// be read is left out. An X509 that one of `known` already wraps is that object (see
    /// ``wrapping(_:among:)``). Written once so that every caller walks the stack the same way.
    static func retainingEach(of stack: OpaquePointer, reusing known: [Certificate]...) -> [Certificate] {
        (0..<OPENSSL_sk_num(stack)).compactMap { index in
            OPENSSL_sk_value(stack, index).flatMap { wrapping(OpaquePointer($0), in: known) }
        }
    }

    /// The certificate among `known` that wraps `x509` itself, else a new one retaining it.
    /// OpenSSL hands back one of the X509 objects it was given (a token's or a response's own,
    /// or the caller's), and wrapping one again re-encodes and re-hashes its DER.
    static func wrapping(_ x509: OpaquePointer, among known: [Certificate]...) -> Certificate? { wrapping(x509, in: known) }

    private static func wrapping(_ x509: OpaquePointer, in known: [[Certificate]]) -> Certificate? {
        for list in known {
            if let found = list.first(where: { $0.x509 == x509 }) { return found }
        }
        return Certificate(retaining: x509)
    }
}
