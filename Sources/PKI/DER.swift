/// A minimal DER reader for the few structures OpenSSL has no public accessor for
/// (IssuerSerialV2, OCSP nonce DigestInfo, QC statements): tag, length, content.
public struct DER: Sendable, Hashable {
    public let tag: UInt8
    /// The content octets.
    public let content: [UInt8]
    /// The whole encoding (tag, length, content).
    public let encoded: [UInt8]

    public var isConstructed: Bool { tag & 0x20 != 0 }

    /// Parses exactly one element filling `bytes`.
    public init?(_ bytes: [UInt8]) {
        var offset = 0
        guard let element = DER.read(bytes, at: &offset), offset == bytes.count else { return nil }
        self = element
    }

    private init(tag: UInt8, content: [UInt8], encoded: [UInt8]) {
        self.tag = tag
        self.content = content
        self.encoded = encoded
    }

    /// The elements inside a constructed element, or nil when the content does not parse.
    public var children: [DER]? {
        var out: [DER] = []
        var offset = 0
        while offset < content.count {
            guard let element = DER.read(content, at: &offset) else { return nil }
            out.append(element)
        }
        return out
    }

    static func read(_ bytes: [UInt8], at offset: inout Int) -> DER? {
        let start = offset
        guard offset + 2 <= bytes.count else { return nil }
        let tag = bytes[offset]
        guard tag & 0x1F != 0x1F else { return nil } // high tag numbers do not occur here
        var length = Int(bytes[offset + 1])
        offset += 2
        if length & 0x80 != 0 {
            let count = length & 0x7F
            guard count >= 1, count <= 4, offset + count <= bytes.count else { return nil }
            length = 0
            for _ in 0..<count {
                length = length << 8 | Int(bytes[offset])
                offset += 1
            }
        }
        guard length <= bytes.count - offset else { return nil }
        let content = Array(bytes[offset..<(offset + length)])
        offset += length
        return DER(tag: tag, content: content, encoded: Array(bytes[start..<offset]))
    }

    /// Encodes a definite length.
    public static func length(_ count: Int) -> [UInt8] {
        if count < 0x80 { return [UInt8(count)] }
        var bytes: [UInt8] = []
        var rest = count
        while rest > 0 {
            bytes.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }

    /// Encodes a tag-length-value.
    public static func encode(tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        [tag] + length(content.count) + content
    }
}
