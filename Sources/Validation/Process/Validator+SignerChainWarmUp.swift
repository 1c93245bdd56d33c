import PKI

extension Validator {
    /// Checks the signer's chain before the issuer search, at the time its time-stamps suggest and
    /// with the issuer that search will most likely find. The signer's certificate was otherwise
    /// verified twice per signature: once by the issuer search, once more by OpenSSL's chain check
    /// at the best-signature-time (a millisecond for an ID card signed with P-521). A chain OpenSSL
    /// accepts teaches the issuance cache its links and the chain cache its answer, so both later
    /// questions are answered from them when they are the same questions.
    ///
    /// Only caches are filled: every answer afterwards is the one the work itself would give. It is
    /// skipped where it could only fail (a certificate outside its validity at that time) or could
    /// not be remembered (a certificate within seconds of a validity bound, as in vectors signed
    /// right after their certificates were made), so it costs a verification of its own only when
    /// the likely issuer's signature does not verify.
    func warmSignerChain(_ signer: Certificate, candidates: [Certificate], pool: [Certificate], timestamps: [TimestampEvidence], now: Int64) {
        // The proof of existence `validate` will most likely settle on: the earliest valid signature time-stamp.
        let time = timestamps.filter { $0.kind == .signature && $0.isValid }.compactMap(\.genTime).filter { $0 <= now }.min() ?? now
        guard let likely = candidates.first(where: { signer.mayBeIssued(by: $0) }), likely != signer,
              signer.isValid(at: time), likely.isValid(at: time) else { return }
        // The same intermediates as the chain check after the search (`pool` plus the issuer found).
        store.warmChain(of: signer, pool: pool + [likely], purpose: .signing, at: time)
    }
}
