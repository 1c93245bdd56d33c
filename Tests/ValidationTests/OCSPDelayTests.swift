import Testing
@testable import Validation

/// The two OCSP-delay constraints share one implementation (``OCSPDelay``): each must still read
/// its own limit, in its own unit, and only the failure limit may be switched off with 0.
@Suite("OCSP taken late after the time-stamp")
struct OCSPDelayTests {
    /// The passing LT context with its embedded answer produced `delay` seconds after the time-stamp.
    static func context(delay: Int64, warning: Int64 = 15 * 60, failure: Int64 = 24 * 3600) throws -> SignatureContext {
        var context = try JudgeTests.base()
        let genTime = try #require(context.proofOfExistence)
        let answer = try #require(context.revocationAnswer)
        context.revocationAnswer = answer.with(producedAt: genTime + delay)
        context.policy.ocspLateWarning = warning
        context.policy.ocspLateFailure = failure
        return context
    }

    @Test func eachKeyReadsItsOwnLimit() throws {
        // 20 minutes: past the 15-minute warning, within the 24-hour failure limit.
        let twenty = try Self.context(delay: 20 * 60)
        #expect(OCSPDelay.lateWarning.evaluate(twenty).outcome == .failed)
        #expect(OCSPDelay.late.evaluate(twenty).outcome == .passed)
        let check = OCSPDelay.lateWarning.evaluate(twenty)
        #expect(check.message.contains("20 min") && check.message.contains("limit 15 min"), "\(check.message)")
        // 25 hours: past both, the failure stated in hours.
        let late = try Self.context(delay: 25 * 3600)
        let failure = OCSPDelay.late.evaluate(late)
        #expect(failure.outcome == .failed)
        #expect(failure.message.contains("25 h") && failure.message.contains("limit 24 h"), "\(failure.message)")
        // At the limit exactly: still in time.
        #expect(OCSPDelay.lateWarning.evaluate(try Self.context(delay: 15 * 60)).outcome == .passed)
    }

    @Test func onlyTheFailureLimitIsOffAtZero() throws {
        let context = try Self.context(delay: 60, warning: 0, failure: 0)
        #expect(OCSPDelay.late.evaluate(context).outcome == .notApplicable)
        // A warning limit of 0 means "no delay at all", not "no limit".
        #expect(OCSPDelay.lateWarning.evaluate(context).outcome == .failed)
        #expect(OCSPDelay.lateWarning.evaluate(try Self.context(delay: 0, warning: 0)).outcome == .passed)
    }

    @Test func theKeysAreTheDSSOnes() {
        #expect(OCSPDelay.late.key == "LTV_OCSP_LATE")
        #expect(OCSPDelay.lateWarning.key == "LTV_OCSP_LATE_WARNING")
        let keys = LongTermValidation.block.constraints.map(\.key)
        #expect(keys.contains("LTV_OCSP_LATE") && keys.contains("LTV_OCSP_LATE_WARNING"))
    }
}
