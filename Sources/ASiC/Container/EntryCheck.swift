import PKI

/// The outcome of reading one entry end to end: intact (size and CRC-32 as declared) or why not,
/// and the SHA-256 of its content when asked for.
public struct EntryCheck: Sendable {
    public let entry: ZipEntry
    public let error: ZipReadError?
    public let sha256: String?

    public var isIntact: Bool { error == nil }
}

extension Container {
    /// Streams every entry once (bounded memory) and reports its integrity; data files also get
    /// their SHA-256 when `digests` is true.
    public func checkEntries(digests: Bool = true) -> [EntryCheck] {
        guard let archive else { return [] }
        return archive.entries.map { entry in
            if entry.isDirectory { return EntryCheck(entry: entry, error: nil, sha256: nil) }
            let digest = digests && EntryKind.isData(entry) ? Digest(.sha256) : nil
            do {
                try archive.stream(entry) { digest?.update($0) }
                return EntryCheck(entry: entry, error: nil, sha256: digest?.finalize().hexString)
            } catch let error as ZipReadError {
                return EntryCheck(entry: entry, error: error, sha256: nil)
            } catch {
                return EntryCheck(entry: entry, error: ZipReadError(key: "io.read", message: "\(error)", entry: entry.name),
                                  sha256: nil)
            }
        }
    }
}
