internal import COpenSSL

/// The outcome of building and checking a certificate path with OpenSSL at a given time.
public struct ChainCheck: Sendable {
    /// Leaf first, anchor last (as far as OpenSSL got).
    public let chain: [Certificate]
    public let isValid: Bool
    public let error: Failure?

    public enum Failure: Sendable, Equatable {
        case noIssuer
        case expired
        case notYetValid
        case badSignature
        case other(String)
    }
}

/// Path building over `X509_STORE`: the anchors may be intermediates (trusted lists list issuing
/// CAs, not roots), so partial chains are accepted; validity is checked at `time`, not now.
/// Checks are remembered for the process (`ChainCheckCache`): the same inputs give the same answer.
public enum ChainBuilder {
    public static func check(_ leaf: Certificate, intermediates: [Certificate], anchors: [Certificate], at time: Int64) -> ChainCheck {
        let intermediates = intermediates.filter { $0 != leaf }
        return ChainCheckCache.shared.answer(ChainCheckCache.key(leaf, intermediates: intermediates, anchors: anchors, at: time)) {
            verify(leaf, intermediates: intermediates, anchors: anchors, at: time)
        }
    }

    /// Whether `check` with these arguments is remembered for the process once asked.
    public static func remembers(_ leaf: Certificate, intermediates: [Certificate], anchors: [Certificate], at time: Int64) -> Bool {
        ChainCheckCache.key(leaf, intermediates: intermediates.filter { $0 != leaf }, anchors: anchors, at: time) != nil
    }

    private static func verify(_ leaf: Certificate, intermediates: [Certificate], anchors: [Certificate], at time: Int64) -> ChainCheck {
        defer { OpenSSLError.clear() }
        guard let store = X509_STORE_new() else { return ChainCheck(chain: [], isValid: false, error: .other("out of memory")) }
        defer { X509_STORE_free(store) }
        for anchor in anchors { X509_STORE_add_cert(store, anchor.x509) }
        guard let untrusted = OPENSSL_sk_new_null() else { return ChainCheck(chain: [], isValid: false, error: .other("out of memory")) }
        defer { OPENSSL_sk_free(untrusted) }
        for certificate in intermediates { OPENSSL_sk_push(untrusted, UnsafeRawPointer(certificate.x509)) }
        guard let context = X509_STORE_CTX_new() else { return ChainCheck(chain: [], isValid: false, error: .other("out of memory")) }
        defer { X509_STORE_CTX_free(context) }
        guard X509_STORE_CTX_init(context, store, leaf.x509, untrusted) == 1 else {
            return ChainCheck(chain: [], isValid: false, error: .other("cannot initialise the verification"))
        }
        let param = X509_STORE_CTX_get0_param(context)
        X509_VERIFY_PARAM_set_time(param, time_t(time))
        X509_VERIFY_PARAM_set_flags(param, UInt(X509_V_FLAG_PARTIAL_CHAIN))
        let ok = X509_verify_cert(context) == 1
        let stack = X509_STORE_CTX_get0_chain(context)
        // OpenSSL's chain holds the X509 objects it was given: the same Certificate objects come back.
        let chain = stack.map { Certificate.retainingEach(of: $0, reusing: [leaf], intermediates, anchors) } ?? []
        if ok {
            // Links are learnt only from the whole chain: with a certificate left out, two
            // neighbours in `chain` would not be a link OpenSSL verified.
            if let stack, chain.count == Int(OPENSSL_sk_num(stack)) { IssuanceCache.shared.learnVerifiedLinks(chain) }
            return ChainCheck(chain: chain, isValid: true, error: nil)
        }
        let code = X509_STORE_CTX_get_error(context)
        let failure: ChainCheck.Failure = switch code {
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT,
             X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
            .noIssuer
        case X509_V_ERR_CERT_HAS_EXPIRED: .expired
        case X509_V_ERR_CERT_NOT_YET_VALID: .notYetValid
        case X509_V_ERR_CERT_SIGNATURE_FAILURE: .badSignature
        default: .other(String(cString: X509_verify_cert_error_string(Int(code))))
        }
        return ChainCheck(chain: chain, isValid: false, error: failure)
    }
}
