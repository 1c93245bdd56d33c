internal import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// Parsed certificates by their DER, shared by every thread of the process: OpenSSL 3 decodes a
/// certificate's public key through its provider framework (a fifth of a millisecond and a read
/// lock per certificate), and a batch meets the same CA, responder and TSA certificates in every
/// container. A hit is checked byte for byte, so what it returns is exactly what parsing those
/// bytes again would; the cache holds its own reference to each X509 and is bounded.
final class CertificateCache: @unchecked Sendable {
    static let shared = CertificateCache()
    static let capacity = 4096

    struct Entry {
        let x509: OpaquePointer
        let notBefore: Int64
        let notAfter: Int64
        let subjectNameHash: UInt
        let issuerNameHash: UInt
        let texts: NameTexts
    }

    typealias Key = HashedBytes

    private let entries = Locked<[Key: Entry]>([:])
    /// Lookups answered and not answered (for the service's metrics); counted under the same lock.
    private var hits = 0, misses = 0

    private init() {}

    /// Hits and misses since the process started.
    var statistics: (hits: Int, misses: Int) { entries.withLock { _ in (hits, misses) } }

    /// A new reference to the parsed certificate of `der`, when it was parsed before.
    func lookup(_ key: Key) -> Entry? {
        entries.withLock { entries in
            guard let entry = entries[key] else {
                misses += 1
                return nil
            }
            hits += 1
            X509_up_ref(entry.x509)
            return entry
        }
    }

    /// Keeps a reference to `entry.x509` for later lookups.
    func insert(_ key: Key, _ entry: Entry) {
        entries.withLock { entries in
            guard entries[key] == nil else { return }
            if entries.count >= Self.capacity {
                for old in entries.values { X509_free(old.x509) }
                entries.removeAll(keepingCapacity: true)
            }
            X509_up_ref(entry.x509)
            entries[key] = entry
        }
    }
}

/// Whether one certificate's signature verifies with another's key, remembered per pair of
/// certificates (equal by their DER encodings): chain building asks it for the same CA links in every container of a batch.
/// The answer depends on nothing but the two encodings, so it can be reused as it is. Links of a
/// chain OpenSSL has verified are learnt from it (`learnVerifiedLinks`), so no link is verified twice.
final class IssuanceCache: @unchecked Sendable {
    static let shared = IssuanceCache()

    struct Pair: Hashable {
        let subject: Certificate
        let issuer: Certificate
    }

    private let answers = AnswerCache<Pair, Bool>(capacity: CertificateCache.capacity)

    private init() {}

    func answer(subject: Certificate, issuer: Certificate, compute: () -> Bool) -> Bool {
        answers.answer(Pair(subject: subject, issuer: issuer), compute: compute)
    }

    /// The remembered answer for the pair, if any (for tests).
    func known(subject: Certificate, issuer: Certificate) -> Bool? {
        answers.known(Pair(subject: subject, issuer: issuer))
    }

    /// `chain`, leaf first, was accepted by `X509_verify_cert` with no callback overriding an
    /// error: OpenSSL verified each certificate's signature with the key of the next one (all but
    /// the last, whose own signature it does not check), so each of those links verifies.
    func learnVerifiedLinks(_ chain: [Certificate]) {
        for (subject, issuer) in zip(chain, chain.dropFirst()) where subject != issuer {
            answers.remember(Pair(subject: subject, issuer: issuer), true)
        }
    }
}

extension Certificate {
    /// How often a certificate's parse was saved by the process-wide cache, and how often not.
    public static var cacheStatistics: (hits: Int, misses: Int) { CertificateCache.shared.statistics }
}
