import XMLSecurity

/// Caps that keep hostile archives (zip bombs, huge directories) from exhausting memory or disk.
/// Every value is configurable; the defaults follow DSS and digidoc4j where they have one.
public struct ZipLimits: Sendable, Hashable {
    /// Most entries accepted in one archive (DSS: 1000; we allow more for real archives of scans).
    public var maxEntries: Int
    /// Largest uncompressed size of one entry.
    public var maxEntrySize: UInt64
    /// Largest sum of uncompressed sizes.
    public var maxTotalSize: UInt64
    /// Largest compression ratio accepted for an entry once it is bigger than ``ratioThreshold``.
    public var maxRatio: UInt64
    /// Size from which ``maxRatio`` applies (DSS and digidoc4j: 1 MB, ratio 100).
    public var ratioThreshold: UInt64
    /// Largest central directory read into memory.
    public var maxCentralDirectorySize: UInt64
    /// Largest metadata entry (manifest, signature files, timestamps) read into memory.
    public var maxMetadataSize: Int
    /// Shape limits for the XML entries (manifest, signature files), checked before parsing.
    public var xml: XMLLimits

    /// The XML limits with the metadata size cap.
    public var xmlLimits: XMLLimits { xml.with(maxBytes: maxMetadataSize) }

    public init(
        maxEntries: Int = 10_000,
        maxEntrySize: UInt64 = 4 << 30,
        maxTotalSize: UInt64 = 16 << 30,
        maxRatio: UInt64 = 100,
        ratioThreshold: UInt64 = 1 << 20,
        maxCentralDirectorySize: UInt64 = 16 << 20,
        maxMetadataSize: Int = 10 << 20,
        xml: XMLLimits = XMLLimits()
    ) {
        self.xml = xml
        self.maxEntries = maxEntries
        self.maxEntrySize = maxEntrySize
        self.maxTotalSize = maxTotalSize
        self.maxRatio = maxRatio
        self.ratioThreshold = ratioThreshold
        self.maxCentralDirectorySize = maxCentralDirectorySize
        self.maxMetadataSize = maxMetadataSize
    }

    public static let `default` = ZipLimits()
}
