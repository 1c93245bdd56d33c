import DDOC
import Findings
import Trust
#if canImport(Glibc)
import Glibc
#endif

/// Trust for the commands that validate (validate, timestamp): trusted lists and own anchors.
extension TrustOptions {
    /// The certificates of `--trust-anchors` (files or folders); a bad path is a usage error.
    package func anchors(_ paths: [String]) throws -> [TrustAnchor] {
        var anchors: [TrustAnchor] = []
        for path in paths {
            do { anchors += try TrustAnchors.load(path) } catch let error as InputError {
                Console.error(path, error.message)
                throw Exit.usage
            }
        }
        return anchors
    }

    /// Trusted lists (when their signers are known) plus own anchors; without either, signatures
    /// can be checked but not trusted, and the user is told how to fix it.
    package func store(anchors paths: [String], now: Int64) throws -> TrustStore {
        var services: [TrustedList.Service] = []
        let anchors = try anchors(paths)
        try checkListSigners()
        let explicitList = tsl != TrustOptions.euLOTL || !tslCert.isEmpty
        let loaded = listedServices(now: now)
        for problem in loaded.problems { Console.error(problem.subject, problem.message) }
        if let failure = loaded.failure, explicitList || anchors.isEmpty { Console.error(tsl, failure + "; signatures cannot be trusted") }
        services = loaded.services
        return TrustStore(services: services, anchors: anchors)
    }

    /// Every `--tsl-cert` file must be readable (a usage error otherwise).
    package func checkListSigners() throws {
        for path in tslCert where access(path, R_OK) != 0 {
            Console.error(path, "cannot read this --tsl-cert file")
            throw Exit.usage
        }
    }

    /// DDOC trust is SiVa's: the SK certificates, or the `--trust-anchors` given instead.
    package func ddocValidator(anchors: [TrustAnchor], paths: [String]) -> DDOCValidator {
        paths.isEmpty ? DDOCValidator()
            : DDOCValidator(trust: DDOCTrust(certificates: anchors.map(\.certificate), source: "--trust-anchors " + paths.joined(separator: " ")))
    }

    /// The services of the trusted lists (the verified snapshot when no list changed since it
    /// was made; a full load otherwise), what went wrong with single lists, and why none could
    /// be loaded at all.
    package func listedServices(now: Int64) -> (services: [TrustedList.Service], problems: [(subject: String, message: String)], failure: String?) {
        do {
            var settings = try settings()
            settings.now = now
            let loaded = TrustedListLoader.loadServices(settings)
            let problems = loaded.findings.filter { $0.level != .info }
                .map { (subject: $0.subject ?? tsl, message: ($0.level == .warning ? "warning: " : "") + $0.message) }
            return (loaded.services, problems, nil)
        } catch let error as InputError {
            return ([], [], error.message)
        } catch {
            return ([], [], "\(error)")
        }
    }
}
