import PKI

/// The policy's algorithm table applied to one digest or one key at one time: the single place
/// that says whether a signature's, a time-stamp's or an ASiC-S token's algorithms were acceptable.
extension ValidationPolicy {
    /// Why `digest` was not acceptable at `time`; nil when it was. An algorithm that could not be
    /// identified, or that the table does not list, is never acceptable.
    func digestProblem(_ digest: DigestAlgorithm?, at time: Int64) -> String? {
        guard let digest else { return "an unknown digest algorithm is not acceptable" }
        guard let expiry = digestExpiry[digest] else {
            return "\(digest.rawValue) is not an acceptable digest algorithm under policy \(name)"
        }
        if let expiry, expiry <= time {
            return "\(digest.rawValue) was no longer acceptable at \(ISOTime.format(time)) (since \(ISOTime.format(expiry)))"
        }
        return nil
    }

    /// Why `key` was too weak, or of a kind not accepted, at `time`; nil when it was acceptable.
    func keyProblem(_ key: PublicKey, at time: Int64) -> String? {
        switch key.kind {
        case .rsa, .rsaPSS:
            if key.bits < minRSABits { return "RSA key of \(key.bits) bits is below the policy minimum of \(minRSABits)" }
            if let bucket = rsaExpiry.first(where: { key.bits < $0.belowBits }), bucket.expires <= time {
                return "RSA \(key.bits)-bit keys were no longer acceptable at \(ISOTime.format(time))"
            }
        case .ec:
            if key.bits < minECBits { return "EC key of \(key.bits) bits is below the policy minimum of \(minECBits)" }
        case .other:
            return "the key type (\(key.summary)) is not an acceptable signature key"
        }
        return nil
    }
}
