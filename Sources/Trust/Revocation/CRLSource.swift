import Findings
import Net
import PKI

/// CRLs from a certificate's distribution points, for signatures that carry no usable revocation
/// data: http only (a CRL is signed, so its transport needs no TLS, and https would add a
/// certificate chain of its own to trust), over libcurl with bounded time and size, kept in an
/// on-disk cache (atomic writes, digest-checked) revalidated with a conditional GET. A cached
/// CRL whose nextUpdate has not passed is used without asking again; offline, any cached copy is
/// used and the validation judges its freshness. What comes back is only bytes: the caller
/// examines the CRL like an embedded one.
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
        case crl([UInt8], url: String, fromCache: Bool)
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
            if let cached, let next = CRL(der: cached.body)?.nextUpdate, next > now {
                return .crl(cached.body, url: url, fromCache: true)
            }
            if offline {
                if let cached { return .crl(cached.body, url: url, fromCache: true) }
                problems.append("\(url) is not cached and --offline forbids fetching it")
                continue
            }
            var headers: [String] = []
            if let etag = cached?.etag { headers.append("If-None-Match: \(etag)") }
            if let modified = cached?.lastModified { headers.append("If-Modified-Since: \(modified)") }
            do {
                let response = try HTTPClient.send(HTTPRequest(url: url, headers: headers, timeout: timeout,
                                                               connectTimeout: min(5, timeout), maxBytes: Self.maxBytes, maxRedirects: 2))
                if response.status == 304, let cached { return .crl(cached.body, url: url, fromCache: true) }
                guard response.status == 200 else {
                    problems.append("\(url) answered HTTP \(response.status)")
                    continue
                }
                guard CRL(der: response.body) != nil else {
                    problems.append("\(url) sent something that is not a DER CRL")
                    continue
                }
                try? cache.store(url, body: response.body, etag: response.headers["etag"], lastModified: response.headers["last-modified"])
                return .crl(response.body, url: url, fromCache: false)
            } catch {
                if let cached { return .crl(cached.body, url: url, fromCache: true) }
                problems.append("\(url): \(error.message)")
            }
        }
        return .failure(.error("crl.fetch.failed", "no CRL could be obtained: " + problems.joined(separator: "; "), subject: label))
    }
}
