/// Bytes as a set member or dictionary key, hashed in bulk: `[UInt8]`'s own hashing feeds the
/// hasher byte by byte, which showed in profiles of every cache keyed by DER.
public struct HashedBytes: Hashable, Sendable {
    public let der: [UInt8]
    public init(der: [UInt8]) { self.der = der }
    public func hash(into hasher: inout Hasher) { der.withUnsafeBytes { hasher.combine(bytes: $0) } }
}
