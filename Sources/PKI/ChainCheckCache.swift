/// Chain checks already made, shared by every thread of the process: a batch validates the same
/// signer, responder and TSA certificates against the same anchors again and again, and each
/// `X509_verify_cert` re-verifies every link (a P-521 link costs over a millisecond).
///
/// A check depends on the encodings of the leaf, the intermediates and the anchors (in their
/// order: OpenSSL tries candidates in it) and on the time only through whether each of those
/// certificates is valid at it. The key is exactly that, so a hit returns what checking again
/// would. A time within two seconds of any of their validity bounds is not cached (fractions of a
/// second and OpenSSL's own boundary rules are not worth reproducing).
final class ChainCheckCache: @unchecked Sendable {
    static let shared = ChainCheckCache()
    static let capacity = 4096

    /// Certificates hash by their DER (hashed once per certificate) and are equal by it.
    struct Key: Hashable {
        let leaf: Certificate
        let intermediates: [Certificate]
        let anchors: [Certificate]
        /// Per certificate above, in order: 0 not yet valid, 1 valid, 2 expired at the time.
        let validity: [UInt8]
    }

    private let checks = AnswerCache<Key, ChainCheck>(capacity: ChainCheckCache.capacity)
    private init() {}

    /// The key of checking `leaf` with these certificates at `time`; nil when it must not be cached.
    static func key(_ leaf: Certificate, intermediates: [Certificate], anchors: [Certificate], at time: Int64) -> Key? {
        var validity: [UInt8] = []
        validity.reserveCapacity(1 + intermediates.count + anchors.count)
        for certificate in CollectionOfOne(leaf) + intermediates + anchors {
            let margin: Int64 = 2
            if time < certificate.notBefore - margin {
                validity.append(0)
            } else if time > certificate.notBefore + margin, time < certificate.notAfter - margin {
                validity.append(1)
            } else if time > certificate.notAfter + margin {
                validity.append(2)
            } else {
                return nil
            }
        }
        return Key(leaf: leaf, intermediates: intermediates, anchors: anchors, validity: validity)
    }

    func answer(_ key: Key?, compute: () -> ChainCheck) -> ChainCheck {
        guard let key else { return compute() }
        return checks.answer(key, compute: compute)
    }
}
