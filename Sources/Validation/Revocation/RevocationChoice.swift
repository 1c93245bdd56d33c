import PKI

/// Picks the one revocation answer every revocation constraint of a signature is judged on, so
/// that added, removed or reordered unsigned OCSP values cannot make different constraints read
/// different responses.
///
/// The rule (EN 319 102-1 §5.2.6 with its revocation freshness checker; DSS uses the latest
/// revocation data): among the *acceptable* OCSP responses and CRLs (about the signer, CertID matched, signed by
/// a responder entitled to speak for it, produced no later than the validation time),
/// - for a time-mark signature only the responses bound to this signature value by their nonce
///   count, and the latest of them is the answer;
/// - otherwise the latest response produced at or after the best-signature-time is the answer;
///   when none was, the latest acceptable response is (the order and freshness constraints then
///   refuse it); at each step OCSP responses are preferred to CRLs when there are both;
/// - but revocation is final (RFC 5280 §5.3.1: only certificateHold may be lifted): an acceptable
///   response saying "revoked" for any other reason is the answer whatever else the signature
///   carries, so a "good" produced later (or bound to a time-mark by its nonce) cannot undo it.
///   Of several, the earliest revocation time counts. The one exception: a time-mark whose "good"
///   was produced before that revocation time. It proved the signature made while the certificate
///   was unrevoked, and a later revocation (fetched by anyone and appended) does not reach back.
public enum RevocationChoice {
    public static func choose(_ evidence: [RevocationEvidence], timeMark: Bool, bestSignatureTime: Int64) -> RevocationEvidence? {
        let acceptable = evidence.filter(\.isAcceptable)
        let final = earliestFinalRevocation(acceptable)
        if timeMark {
            let mark = latest(acceptable.filter { $0.nonceMatches == true })
            if let mark, case .good? = mark.status?.status, let marked = mark.producedAt,
               case .revoked(let revokedAt, _)? = final?.status?.status, revokedAt > marked {
                return mark
            }
            return final ?? mark
        }
        if let final { return final }
        let after = acceptable.filter { ($0.producedAt ?? .min) >= bestSignatureTime }
        return latest(preferringOCSP(after)) ?? latest(preferringOCSP(acceptable))
    }

    /// OCSP over CRL when both are there (the responder's answer is about this certificate alone
    /// and usually the more recent); CRLs only when no OCSP response qualifies.
    private static func preferringOCSP(_ candidates: [RevocationEvidence]) -> [RevocationEvidence] {
        let ocsp = candidates.filter { $0.source == .ocsp }
        return ocsp.isEmpty ? candidates : ocsp
    }

    /// RFC 5280 CRLReason certificateHold: the one revocation a later "good" may lift.
    static let certificateHold = 6

    /// The acceptable "revoked" answer (not on hold) with the earliest revocation time; among
    /// equals the first in document order.
    private static func earliestFinalRevocation(_ candidates: [RevocationEvidence]) -> RevocationEvidence? {
        var best: (evidence: RevocationEvidence, time: Int64)?
        for candidate in candidates {
            guard case .revoked(let time, let reason)? = candidate.status?.status, reason != certificateHold else { continue }
            if best == nil || time < best!.time {
                best = (candidate, time)
            }
        }
        return best?.evidence
    }

    /// The latest by producedAt; among equals the first in document order (stable).
    private static func latest(_ candidates: [RevocationEvidence]) -> RevocationEvidence? {
        var best: RevocationEvidence?
        for candidate in candidates where (candidate.producedAt ?? .min) > (best?.producedAt ?? .min) || best == nil {
            best = candidate
        }
        return best
    }

    /// The answer about a certificate other than the signer's (an intermediate CA, a TSU) under
    /// the same rules as the signer's: acceptable, produced no later than `validationTime`, the
    /// latest one issued after `controlTime`, and fresh for it. Nil with the reason otherwise.
    public static func usableAnswer(_ evidence: [RevocationEvidence], controlTime: Int64, validationTime: Int64,
                                    maxAge: Int64) -> (answer: RevocationEvidence?, problem: String?) {
        let usable = evidence.filter { ($0.producedAt ?? .max) <= validationTime }
        guard let answer = choose(usable, timeMark: false, bestSignatureTime: controlTime) else {
            return (nil, "no acceptable OCSP response about it in the signature (CRLs are not supported yet)")
        }
        guard isFresh(answer, at: controlTime, maxAge: maxAge), (answer.status?.thisUpdate ?? .max) <= validationTime + 300 else {
            return (nil, "its OCSP response (thisUpdate \(ISOTime.format(answer.status?.thisUpdate ?? 0))) is not fresh for \(ISOTime.format(controlTime))")
        }
        return (answer, nil)
    }

    /// True when `answer` speaks about the certificate's status at `controlTime` (the
    /// best-signature-time): its thisUpdate is no more than `maxAge` seconds before it, or
    /// `controlTime` lies within [thisUpdate, nextUpdate].
    public static func isFresh(_ answer: RevocationEvidence, at controlTime: Int64, maxAge: Int64) -> Bool {
        guard let thisUpdate = answer.status?.thisUpdate else { return false }
        if thisUpdate >= controlTime - maxAge { return true }
        if let nextUpdate = answer.status?.nextUpdate, thisUpdate <= controlTime, controlTime <= nextUpdate { return true }
        return false
    }
}
