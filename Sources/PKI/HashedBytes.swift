/// Bytes as a set member or dictionary key, hashed once, in bulk: `[UInt8]`'s own hashing feeds
/// the hasher byte by byte and again for every lookup, which showed in profiles of every cache
/// keyed by DER.
public struct HashedBytes: Hashable, Sendable {
    public let der: [UInt8]
    /// The bytes' hash (this process's seed), computed when the key is made.
    public let digest: Int

    public init(der: [UInt8]) {
        self.der = der
        var hasher = Hasher()
        der.withUnsafeBytes { hasher.combine(bytes: $0) }
        digest = hasher.finalize()
    }

    public static func == (lhs: HashedBytes, rhs: HashedBytes) -> Bool { lhs.digest == rhs.digest && Bytes.equal(lhs.der, rhs.der) }
    public func hash(into hasher: inout Hasher) { hasher.combine(digest) }
}
