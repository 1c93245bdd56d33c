import Findings
import Net
import PKI

/// CRLs from a certificate's distribution points, for signatures that carry no usable revocation
/// data: http only (a CRL is signed, so its transport needs no TLS, and https would add a
/// certificate chain of its own to trust), over libcurl with bounded time and size, kept in an
/// on-disk cache (atomic writes, digest-checked) revalidated with a conditional GET. A cached
/// CRL whose nextUpdate has not passed is used without asking again; offline, any cached copy is
/// used and the validation judges its freshness. What comes back is the parsed CRL, not yet
/// trusted: the caller examines it like an embedded one.
public struct CRLSource: Sendable {
    public let cache: TrustedListCache
    public let offline: Bool
    public let timeout: Double
    /// Largest CRL accepted (big national CAs publish a few MiB).
    public static let maxBytes = 32 << 20

    public init(cache: TrustedListCache, offline: Bool, timeout: Double = 10) {
        self.cache = cache
        self.offline = offline
        self.timeout = timeout
    }

    public enum Outcome: Sendable {
        case crl(CRL, url: String, fromCache: Bool)
        case failure(Finding)
    }

    /// The first CRL obtainable from `certificate`'s distribution points.
    public func fetch(for certificate: Certificate, now: Int64, label: String) -> Outcome {
        let urls = certificate.crlDistributionPointURLs
        guard !urls.isEmpty else {
            return .failure(.warning("crl.fetch.no-url", "the certificate names no http CRL distribution point", subject: label))
        }
        var problems: [String] = []
        for url in urls {
            let cached = cache.load(url)
            let cachedCRL = cached.flatMap { CRL(der: $0.body) }
            if let cachedCRL, let next = cachedCRL.nextUpdate, next > now {
                return .crl(cachedCRL, url: url, fromCache: true)
            }
            if offline {
                if let cachedCRL { return .crl(cachedCRL, url: url, fromCache: true) }
                problems.append("\(url) is not cached and --offline forbids fetching it")
                continue
            }
            var headers: [String] = []
            if let etag = cached?.etag { headers.append("If-None-Match: \(etag)") }
            if let modified = cached?.lastModified { headers.append("If-Modified-Since: \(modified)") }
            do {
                let response = try HTTPClient.send(HTTPRequest(url: url, headers: headers, timeout: timeout,
                                                               connectTimeout: min(5, timeout), maxBytes: Self.maxBytes, maxRedirects: 2))
                if response.status == 304, let cachedCRL { return .crl(cachedCRL, url: url, fromCache: true) }
                guard response.status == 200 else {
                    problems.append("\(url) answered HTTP \(response.status)")
                    continue
                }
                guard let fetched = CRL(der: response.body) else {
                    problems.append("\(url) sent something that is not a DER CRL")
                    continue
                }
                // A cache that cannot be written only costs a fetch next time.
                try? cache.store(url, body: response.body, etag: response.headers["etag"], lastModified: response.headers["last-modified"])
                return .crl(fetched, url: url, fromCache: false)
            } catch {
                if let cachedCRL { return .crl(cachedCRL, url: url, fromCache: true) }
                problems.append("\(url): \(error.message)")
            }
        }
        return .failure(.error("crl.fetch.failed", "no CRL could be obtained: " + problems.joined(separator: "; "), subject: label))
    }
}
