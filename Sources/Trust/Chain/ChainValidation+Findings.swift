import Findings
import PKI

extension ChainValidation {
    /// The outcome as findings with stable keys (`trust.*`), for reports.
    public func findings(subject: String, what: String, at time: Int64) -> [Finding] {
        let when = ISOTime.format(time)
        switch status {
        case .trusted:
            let by = chain.compactMap(\.trustedBy).first ?? "a trust anchor"
            return [.info("trust.chain.trusted", "\(what) chains to \(by) at \(when)", subject: subject)]
        case .noChain:
            return [.error("trust.chain.not-found",
                           "no chain to a trust anchor for \(what) (\(chain.first?.certificate.issuer ?? "unknown issuer") is in no trusted list or anchor file)",
                           subject: subject)]
        case let .serviceNotActive(reason):
            return [.error("trust.service.not-active", "\(what) chains to a trusted list, but \(reason)", subject: subject)]
        case .expired:
            return [.error("trust.certificate.expired", "\(what) had expired at \(when)", subject: subject)]
        case .notYetValid:
            return [.error("trust.certificate.not-yet-valid", "\(what) was not yet valid at \(when)", subject: subject)]
        case let .failed(reason):
            return [.error("trust.chain.failed", "\(what): \(reason)", subject: subject)]
        }
    }
}
