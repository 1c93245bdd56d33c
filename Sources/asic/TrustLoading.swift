import Findings
import Trust
#if canImport(Glibc)
import Glibc
#endif

/// Trust for the commands that validate (validate, timestamp): trusted lists and own anchors.
extension TrustOptions {
    /// The certificates of `--trust-anchors` (files or folders); a bad path is a usage error.
    func anchors(_ paths: [String]) throws -> [TrustAnchor] {
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
    func store(anchors paths: [String], now: Int64) throws -> TrustStore {
        var services: [TrustedList.Service] = []
        let anchors = try anchors(paths)
        for path in tslCert where access(path, R_OK) != 0 {
            Console.error(path, "cannot read this --tsl-cert file")
            throw Exit.usage
        }
        let explicitList = tsl != TrustOptions.euLOTL || !tslCert.isEmpty
        do {
            var settings = try settings()
            settings.now = now
            // The verified snapshot when no list changed since it was made; a full load otherwise.
            let loaded = TrustedListLoader.loadServices(settings)
            for finding in loaded.findings where finding.level != .info {
                Console.error(finding.subject ?? tsl, (finding.level == .warning ? "warning: " : "") + finding.message)
            }
            services = loaded.services
        } catch let error as InputError {
            if explicitList || anchors.isEmpty { Console.error(tsl, error.message + "; signatures cannot be trusted") }
        } catch {}
        return TrustStore(services: services, anchors: anchors)
    }
}
