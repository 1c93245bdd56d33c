internal import COpenSSL

extension Certificate {
    /// A new reference to every certificate of an OpenSSL `STACK_OF(X509)` owned elsewhere (a
    /// token's, a response's, a verified chain's, a PKCS#12 file's), in stack order; one that cannot
    /// be read is left out. Written once so that every caller walks the stack the same way.
    static func retainingEach(of stack: OpaquePointer) -> [Certificate] {
        (0..<OPENSSL_sk_num(stack)).compactMap { index in
            OPENSSL_sk_value(stack, index).flatMap { Certificate(retaining: OpaquePointer($0)) }
        }
    }
}
