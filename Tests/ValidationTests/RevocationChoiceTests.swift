@testable import PKI
import Testing
@testable import Validation

/// The one revocation answer per signature, chosen from synthetic responses: whatever an attacker
/// appends, removes or reorders among the unsigned OCSP values, the answer follows the rule.
@Suite("Revocation choice")
struct RevocationChoiceTests {
    static let signed: Int64 = 1_000_000

    static func response(_ status: OCSPResponse.CertificateStatus, at producedAt: Int64, trusted: Bool = true,
                         nonce: Bool? = nil) -> RevocationEvidence {
        RevocationEvidence(producedAt: producedAt, status: .init(status: status, thisUpdate: producedAt, nextUpdate: nil),
                           responder: nil, responderSigned: true, responderTrusted: trusted, trustedBy: nil,
                           nonceMatches: nonce, timeMarkResponder: true, fetched: false, findings: [])
    }

    static func pick(_ responses: [RevocationEvidence], timeMark: Bool = false) -> RevocationEvidence? {
        RevocationChoice.choose(responses, timeMark: timeMark, bestSignatureTime: signed)
    }

    @Test func theLatestAfterTheSignatureTimeIsTheAnswer() {
        let stale = Self.response(.good, at: Self.signed - 10)
        let unknown = Self.response(.unknown, at: Self.signed + 5)
        let good = Self.response(.good, at: Self.signed + 9)
        #expect(Self.pick([stale, unknown])?.producedAt == Self.signed + 5)
        #expect(Self.pick([good, stale, unknown])?.producedAt == Self.signed + 9)
        #expect(Self.pick([stale])?.producedAt == Self.signed - 10, "none after: the latest, refused later by the order check")
        #expect(Self.pick([Self.response(.good, at: Self.signed + 50, trusted: false), unknown])?.producedAt == Self.signed + 5)
    }

    /// A revoked signer's container with a "good" of the same responder appended, produced after
    /// the "revoked" (lifted from another container, or from a responder that contradicts
    /// itself): revocation is final, in any order.
    @Test func aLaterGoodCannotUndoARevocation() {
        let revoked = Self.response(.revoked(time: Self.signed - 1000, reason: 1), at: Self.signed + 1)
        let good = Self.response(.good, at: Self.signed + 2)
        for order in [[revoked, good], [good, revoked]] {
            guard case .revoked? = Self.pick(order)?.status?.status else {
                Issue.record("a later good replaced the revocation")
                continue
            }
        }
        let tm = Self.response(.good, at: Self.signed, nonce: true)
        guard case .revoked? = Self.pick([tm, revoked], timeMark: true)?.status?.status else {
            Issue.record("a nonce-bound good time-mark replaced the revocation")
            return
        }
        let earlier = Self.response(.revoked(time: Self.signed - 5000, reason: 0), at: Self.signed + 3)
        guard case .revoked(let time, _)? = Self.pick([revoked, good, earlier])?.status?.status else {
            Issue.record("no revocation chosen")
            return
        }
        #expect(time == Self.signed - 5000, "the earliest revocation time counts")
    }

    /// A time-mark proves the signature made while the certificate was unrevoked: a genuine later
    /// "revoked" (revocation time after the time-mark), fetched by anyone and appended, does not
    /// turn it into a failure. A revocation time at or before the time-mark still wins.
    @Test func aLaterRevocationDoesNotReachBackBeforeATimeMark() {
        let mark = Self.response(.good, at: Self.signed, nonce: true)
        let later = Self.response(.revoked(time: Self.signed + 100, reason: 1), at: Self.signed + 200)
        for order in [[mark, later], [later, mark]] {
            #expect(Self.pick(order, timeMark: true)?.status?.status == .good, "a later revocation undid the time-mark")
        }
        let sameTime = Self.response(.revoked(time: Self.signed, reason: 1), at: Self.signed + 200)
        guard case .revoked? = Self.pick([mark, sameTime], timeMark: true)?.status?.status else {
            Issue.record("a revocation at the time-mark's time was set aside")
            return
        }
        // Without a time-mark (an LT signature), the revocation is the answer; the proof of
        // existence decides later whether it came after the signature.
        guard case .revoked? = Self.pick([Self.response(.good, at: Self.signed + 1), later])?.status?.status else {
            Issue.record("revocation not chosen for an LT signature")
            return
        }
    }

    /// certificateHold is the one revocation that may be lifted: a later "good" is then the answer.
    @Test func aHoldMayBeLifted() {
        let hold = Self.response(.revoked(time: Self.signed - 1000, reason: RevocationChoice.certificateHold), at: Self.signed + 1)
        let good = Self.response(.good, at: Self.signed + 2)
        #expect(Self.pick([hold, good])?.status?.status == .good)
        guard case .revoked? = Self.pick([hold])?.status?.status else {
            Issue.record("a hold alone is not a revocation")
            return
        }
    }

    /// An untrusted responder's "revoked" is no answer (it could be anyone's), but neither is its "good".
    @Test func onlyAcceptableResponsesCount() {
        let forged = Self.response(.revoked(time: 0, reason: 1), at: Self.signed + 1, trusted: false)
        let good = Self.response(.good, at: Self.signed + 2)
        #expect(Self.pick([forged, good])?.status?.status == .good)
        #expect(Self.pick([forged]) == nil)
    }
}
