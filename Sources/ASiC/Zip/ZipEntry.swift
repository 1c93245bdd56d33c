/// One entry of the central directory, with what its local header told.
/// The central directory is authoritative; local-header disagreements become findings.
public struct ZipEntry: Sendable, Hashable {
    /// Position in the central directory.
    public let index: Int
    /// The name exactly as stored; containers match names byte for byte.
    public let rawName: [UInt8]
    /// The name for display and matching: UTF-8 (flag bit 11 or valid UTF-8), else CP437.
    public let name: String
    public let versionMadeBy: UInt16
    public let flags: UInt16
    /// 0 = stored, 8 = deflate.
    public let method: UInt16
    public let crc32: UInt32
    public let compressedSize: UInt64
    public let uncompressedSize: UInt64
    public let localHeaderOffset: UInt64
    public let centralExtra: [UInt8]
    public let comment: [UInt8]
    public let externalAttributes: UInt32
    /// Length of the extra field in the local header (the `mimetype` entry must have none).
    public internal(set) var localExtraLength: Int = 0
    /// Offset of the first data byte.
    public internal(set) var dataOffset: UInt64 = 0

    public var isEncrypted: Bool { flags & 0x0041 != 0 }
    public var hasDataDescriptor: Bool { flags & 0x0008 != 0 }
    public var isDirectory: Bool { rawName.last == UInt8(ascii: "/") }
    public var isStored: Bool { method == 0 }
    public var methodName: String {
        switch method {
        case 0: "stored"
        case 8: "deflate"
        default: "method \(method)"
        }
    }

    /// True for an entry made on Unix whose mode says symbolic link. We never create links,
    /// but say so, because other tools would.
    public var isSymlink: Bool {
        versionMadeBy >> 8 == 3 && (externalAttributes >> 16) & 0o170000 == 0o120000
    }
}

/// Decodes entry names: UTF-8 when valid (libdigidocpp sets flag bit 11; many tools write UTF-8
/// without it), otherwise IBM code page 437 as APPNOTE says.
enum ZipNameDecoder {
    static func decode(_ bytes: [UInt8]) -> String {
        if let utf8 = String(validating: bytes, as: UTF8.self) { return utf8 }
        return String(String.UnicodeScalarView(bytes.map(cp437)))
    }

    private static func cp437(_ byte: UInt8) -> Unicode.Scalar {
        if byte < 0x80 { return Unicode.Scalar(byte) }
        return Unicode.Scalar(upper[Int(byte - 0x80)])!
    }

    private static let upper: [UInt32] = [
        0xC7, 0xFC, 0xE9, 0xE2, 0xE4, 0xE0, 0xE5, 0xE7, 0xEA, 0xEB, 0xE8, 0xEF, 0xEE, 0xEC, 0xC4, 0xC5,
        0xC9, 0xE6, 0xC6, 0xF4, 0xF6, 0xF2, 0xFB, 0xF9, 0xFF, 0xD6, 0xDC, 0xA2, 0xA3, 0xA5, 0x20A7, 0x192,
        0xE1, 0xED, 0xF3, 0xFA, 0xF1, 0xD1, 0xAA, 0xBA, 0xBF, 0x2310, 0xAC, 0xBD, 0xBC, 0xA1, 0xAB, 0xBB,
        0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556, 0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510,
        0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F, 0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567,
        0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B, 0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580,
        0x3B1, 0xDF, 0x393, 0x3C0, 0x3A3, 0x3C3, 0xB5, 0x3C4, 0x3A6, 0x398, 0x3A9, 0x3B4, 0x221E, 0x3C6, 0x3B5, 0x2229,
        0x2261, 0xB1, 0x2265, 0x2264, 0x2320, 0x2321, 0xF7, 0x2248, 0xB0, 0x2219, 0xB7, 0x221A, 0x207F, 0xB2, 0x25A0, 0xA0,
    ]
}
