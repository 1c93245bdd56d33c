import PKI

/// A service's certificates, parsed only when first used. A set of EU lists names thousands of
/// certificates and OpenSSL 3 takes about 0.2 ms to parse each (its public-key decoder), while a
/// validation touches a handful: the trust store finds candidates by subject-name hash and DER,
/// which need no parsing.
public final class ServiceCertificates: Sendable {
    /// DER of each certificate, in list order.
    public let ders: [[UInt8]]
    /// OpenSSL's canonical subject-name hash of each (``Certificate/subjectNameHash``).
    public let nameHashes: [UInt]
    private let parsed: Locked<[Int: Certificate]>

    /// Certificates already parsed (as the list parser gives them).
    public init(_ certificates: [Certificate]) {
        ders = certificates.map(\.der)
        nameHashes = certificates.map(\.subjectNameHash)
        parsed = Locked(Dictionary(uniqueKeysWithValues: certificates.enumerated().map { ($0.offset, $0.element) }))
    }

    /// Certificates known by DER and name hash only (the verified trust snapshot); each `der`
    /// parsed when it became the hash it comes with.
    init(ders: [[UInt8]], nameHashes: [UInt]) {
        self.ders = ders
        self.nameHashes = nameHashes
        parsed = Locked([:])
    }

    public var count: Int { ders.count }

    /// The certificate at `index`, parsed on first use (nil if its DER does not parse).
    public func certificate(at index: Int) -> Certificate? {
        if let done = parsed.withLock({ $0[index] }) { return done }
        guard let certificate = Certificate(der: ders[index]) else { return nil }
        parsed.withLock { $0[index] = certificate }
        return certificate
    }

    /// Every certificate, parsed.
    public var all: [Certificate] { (0..<ders.count).compactMap(certificate(at:)) }
}
