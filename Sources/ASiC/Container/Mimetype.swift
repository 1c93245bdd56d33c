/// The `mimetype` entry as found: EN 319 162-1 wants it first, stored, without extra field,
/// holding exactly the container media type in ASCII.
public struct Mimetype: Sendable, Hashable {
    /// The raw bytes of the entry (capped: a mimetype is tiny; anything large is not one).
    public let raw: [UInt8]
    /// The value with a UTF-8 BOM and surrounding whitespace removed, as libdigidocpp reads it.
    public let value: String
    public let isFirst: Bool
    public let isStored: Bool
    public let localExtraLength: Int
    public let hasDataDescriptor: Bool

    /// True when a UTF-8 byte-order mark precedes the value.
    public var hasBOM: Bool { raw.starts(with: [0xEF, 0xBB, 0xBF]) }
    /// True for a UTF-16 byte-order mark, which no reader accepts.
    public var hasUTF16BOM: Bool { raw.starts(with: [0xFF, 0xFE]) || raw.starts(with: [0xFE, 0xFF]) }
    /// True when whitespace surrounds the value.
    public var hasWhitespace: Bool {
        let body = hasBOM ? Array(raw.dropFirst(3)) : raw
        return body.first.map(Self.isSpace) == true || body.last.map(Self.isSpace) == true
    }

    init(raw: [UInt8], isFirst: Bool, isStored: Bool, localExtraLength: Int, hasDataDescriptor: Bool) {
        self.raw = raw
        self.isFirst = isFirst
        self.isStored = isStored
        self.localExtraLength = localExtraLength
        self.hasDataDescriptor = hasDataDescriptor
        var body = raw[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        while let first = body.first, Self.isSpace(first) { body = body.dropFirst() }
        while let last = body.last, Self.isSpace(last) { body = body.dropLast() }
        value = String(decoding: body, as: UTF8.self)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }
}
