/// A distribution point name as RFC 5280 §4.2.1.13 and §5.2.5 write it, read from a certificate's
/// CRLDistributionPoints or a CRL's IssuingDistributionPoint.
public struct DistributionPoint: Sendable, Equatable {
    /// The DER of each GeneralName of the point's fullName; empty when the point is named relative
    /// to its CRL issuer (which is compared with nothing, so such a name matches no other), nil when
    /// the point names no distribution point at all.
    public let fullNames: [[UInt8]]?
    /// The DER of each directoryName Name of the point's cRLIssuer (certificates only).
    public let crlIssuers: [[UInt8]]

    init(fullNames: [[UInt8]]?, crlIssuers: [[UInt8]]) {
        self.fullNames = fullNames
        self.crlIssuers = crlIssuers
    }

    /// A named point this reader could not read: it shares a name with nothing.
    static let unreadable = DistributionPoint(fullNames: [], crlIssuers: [])

    /// Reads a DistributionPoint (or the IssuingDistributionPoint sequence, whose first field is
    /// the same `distributionPoint [0]`) from its parsed children.
    init(_ fields: [DER]) {
        // distributionPoint [0] EXPLICIT DistributionPointName { fullName [0] GeneralNames | nameRelativeToCRLIssuer [1] }
        let fullNames = fields.first(where: { $0.tag == 0xA0 }).map { name in
            name.children?.first(where: { $0.tag == 0xA0 }).map { ($0.children ?? []).map(\.encoded) } ?? []
        }
        // cRLIssuer [2] GeneralNames; directoryName [4] EXPLICIT Name.
        let issuers = (fields.first(where: { $0.tag == 0xA2 })?.children ?? []).filter { $0.tag == 0xA4 }.compactMap { $0.children?.first?.encoded }
        self.init(fullNames: fullNames, crlIssuers: issuers)
    }

    /// Whether this point and `other` share a full name (byte for byte: stricter than a name
    /// comparison, never laxer). A point without a name is not compared here.
    public func sharesName(with other: DistributionPoint) -> Bool {
        guard let mine = fullNames, let theirs = other.fullNames else { return false }
        return mine.contains { name in theirs.contains { Bytes.equal($0, name) } }
    }

    /// The point's names as a message shows them: URIs as text (200 characters at most, four names
    /// at most), other kinds of name by kind. Reports neutralise the text for terminals.
    public var shown: String {
        guard let names = fullNames, !names.isEmpty else { return "(a name relative to the CRL issuer, or unreadable)" }
        return names.prefix(4).map { name in
            guard name.first == 0x86, let uri = DER(name) else { return "(a name that is not a URI)" }
            return String(decoding: uri.content.prefix(200), as: UTF8.self)
        }.joined(separator: ", ")
    }
}
