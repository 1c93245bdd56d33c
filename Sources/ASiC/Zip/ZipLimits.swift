import XMLSecurity

/// Caps that keep hostile archives (zip bombs, huge directories) from exhausting memory or disk.
/// Every value is configurable; the defaults follow DSS and digidoc4j where they have one.
public struct ZipLimits: Sendable, Hashable {
    /// Most entries accepted in one archive (DSS: 1000; we allow more for real archives of scans).
    public var maxEntries = 10_000
    /// Largest uncompressed size of one entry.
    public var maxEntrySize: UInt64 = 4 << 30
    /// Largest sum of uncompressed sizes.
    public var maxTotalSize: UInt64 = 16 << 30
    /// Largest compression ratio accepted for an entry once it is bigger than ``ratioThreshold``.
    public var maxRatio: UInt64 = 100
    /// Size from which ``maxRatio`` applies (DSS and digidoc4j: 1 MB, ratio 100).
    public var ratioThreshold: UInt64 = 1 << 20
    /// Largest central directory read into memory.
    public var maxCentralDirectorySize: UInt64 = 16 << 20
    /// Largest metadata entry (manifest, signature files, timestamps) read into memory.
    public var maxMetadataSize = 10 << 20
    /// Shape limits for the XML entries (manifest, signature files), checked before parsing.
    public var xml = XMLLimits()

    /// The XML limits with the metadata size cap.
    public var xmlLimits: XMLLimits { xml.with(maxBytes: maxMetadataSize) }

    /// The defaults; set a field to change one.
    public init() {}

    public static let `default` = ZipLimits()
}
