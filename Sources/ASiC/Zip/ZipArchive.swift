import Findings

/// A strict, read-only ZIP reader for signature containers.
///
/// Opening reads only the end records and the central directory, then cross-checks every local
/// header against its central entry. Entry data is never loaded whole: ``ZipArchive/stream(_:chunk:)``
/// inflates in bounded memory while counting bytes and computing CRC-32.
///
/// Disagreements that a careful reader can survive are ``findings`` (the central directory wins);
/// what makes the archive unreadable throws ``InputError``.
public final class ZipArchive: @unchecked Sendable {
    public let file: RandomAccessFile
    public let limits: ZipLimits
    /// Entries in central-directory order.
    public let entries: [ZipEntry]
    /// The archive comment (unsigned: display only).
    public let comment: [UInt8]
    /// Structural observations about the archive.
    public let findings: [Finding]
    /// True when the end records were ZIP64.
    public let isZip64: Bool

    /// Opens and checks the archive at `path`.
    public convenience init(path: String, limits: ZipLimits = .default) throws {
        try self.init(file: RandomAccessFile(path: path), limits: limits)
    }

    public init(file: RandomAccessFile, limits: ZipLimits = .default) throws {
        self.file = file
        self.limits = limits
        var findings: [Finding] = []
        let end = try EndRecords.locate(in: file, findings: &findings)
        guard end.entryCount <= UInt64(limits.maxEntries) else {
            throw InputError(key: "zip.too-many-entries",
                             message: "archive has \(end.entryCount) entries, more than the limit of \(limits.maxEntries)")
        }
        guard end.centralDirectorySize <= limits.maxCentralDirectorySize else {
            throw InputError(key: "zip.central-directory-too-large",
                             message: "central directory of \(end.centralDirectorySize) bytes exceeds the limit")
        }
        let directory = try file.read(at: end.centralDirectoryOffset, count: Int(end.centralDirectorySize))
        var entries = try CentralDirectoryParser.parse(directory, expected: end.entryCount, findings: &findings)
        try LocalHeaderChecker.check(&entries, in: file, centralDirectoryOffset: end.centralDirectoryOffset,
                                     findings: &findings)
        try BombGuard.check(entries, limits: limits)
        self.entries = entries
        self.comment = end.comment
        self.isZip64 = end.isZip64
        self.findings = findings
    }

    /// The entry whose raw name is exactly `name` (UTF-8 bytes), first in central-directory order.
    public func entry(named name: String) -> ZipEntry? {
        let bytes = Array(name.utf8)
        return entries.first { $0.rawName == bytes }
    }
}
