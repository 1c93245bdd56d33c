/// Parsed objects by the bytes they were parsed from, shared by every thread of the process.
/// OpenSSL 3 decodes each certificate inside a time-stamp token or an OCSP response through its
/// provider framework (over a million instructions a certificate), and a batch meets the same
/// token or response again (the same file twice, a signature carried in two containers) or asks
/// for one twice while validating it. A hit is found by the whole byte string, so it is the
/// object parsing those bytes again would give; the objects are immutable. Bounded: when full,
/// it starts again.
final class ParsedObjectCache<Object: AnyObject & Sendable>: @unchecked Sendable {
    static var capacity: Int { 1024 }

    private let objects = Locked<[CertificateCache.Key: Object]>([:])

    init() {}

    /// The object parsed from `bytes`, parsed by `parse` unless it was before; a failed parse
    /// is not remembered (it is cheap, and rare).
    func object(for bytes: [UInt8], parse: () -> Object?) -> Object? {
        let key = CertificateCache.Key(der: bytes)
        if let known = objects.withLock({ $0[key] }) { return known }
        guard let parsed = parse() else { return nil }
        return objects.withLock { objects in
            // Another thread may have parsed it meanwhile: keep one, so all share it.
            if let first = objects[key] { return first }
            if objects.count >= Self.capacity { objects.removeAll(keepingCapacity: true) }
            objects[key] = parsed
            return parsed
        }
    }
}
