/// A data file of a container: what the signatures sign.
public struct DataFile: Sendable, Hashable {
    public let entry: ZipEntry
    /// The media type the manifest gives, nil when the manifest does not list the file.
    public let mediaType: String?

    public var name: String { entry.name }
    public var size: UInt64 { entry.uncompressedSize }
}
