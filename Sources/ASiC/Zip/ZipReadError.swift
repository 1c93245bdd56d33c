/// Why an entry's content could not be read intact (corrupt data, CRC or size mismatch).
public struct ZipReadError: Error, Sendable, CustomStringConvertible {
    /// Stable finding key: `zip.crc-mismatch`, `zip.size-mismatch`, `zip.deflate.corrupt`, `zip.deflate.truncated`,
    /// `zip.entry-too-large`.
    public let key: String
    public let message: String
    public let entry: String

    public init(key: String, message: String, entry: String) {
        self.key = key
        self.message = message
        self.entry = entry
    }

    func naming(_ entry: String) -> ZipReadError {
        ZipReadError(key: key, message: message, entry: entry)
    }

    public var description: String { "\(entry): \(message)" }
}
