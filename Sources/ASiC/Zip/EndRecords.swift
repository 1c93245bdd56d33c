import Findings

/// The end of central directory record, and its ZIP64 extension when present.
struct EndRecords {
    var entryCount: UInt64
    var centralDirectorySize: UInt64
    var centralDirectoryOffset: UInt64
    /// Where the first end record (ZIP64 or classic) starts: nothing may lie between the
    /// central directory and here.
    var endStart: UInt64
    var comment: [UInt8]
    var isZip64: Bool

    private static let eocdLength = 22
    private static let maxComment = 0xFFFF

    static func locate(in file: RandomAccessFile, findings: inout [Finding]) throws -> EndRecords {
        let size = file.size
        guard size >= UInt64(eocdLength) else {
            throw InputError(key: "zip.not-zip", message: "not a zip file (\(size) bytes)")
        }
        let tailLength = Int(min(size, UInt64(eocdLength + maxComment)))
        let tailStart = size - UInt64(tailLength)
        let tail = try file.read(at: tailStart, count: tailLength)

        // The real record is the one whose comment ends exactly at end of file; scan from the back.
        var exact: Int?
        var loose: Int?
        var position = tailLength - eocdLength
        while position >= 0 {
            if tail.u32(position) == ZipSignature.endOfCentralDirectory {
                let commentLength = Int(tail.u16(position + 20))
                let recordEnd = position + eocdLength + commentLength
                if recordEnd == tailLength {
                    exact = position
                    break
                }
                if recordEnd < tailLength, loose == nil { loose = position }
            }
            position -= 1
        }
        guard let at = exact ?? loose else {
            throw InputError(key: "zip.not-zip", message: "not a zip file (no end of central directory record)")
        }
        let commentLength = Int(tail.u16(at + 20))
        if exact == nil {
            let extra = tailLength - (at + eocdLength + commentLength)
            findings.append(.error("zip.trailing-data",
                                   "\(extra) bytes follow the end of central directory record (unsigned, ignored)"))
        }
        let disk = tail.u16(at + 4), cdDisk = tail.u16(at + 6)
        let onDisk = tail.u16(at + 8), total = tail.u16(at + 10)
        var records = EndRecords(
            entryCount: UInt64(total),
            centralDirectorySize: UInt64(tail.u32(at + 12)),
            centralDirectoryOffset: UInt64(tail.u32(at + 16)),
            endStart: tailStart + UInt64(at),
            comment: Array(tail[(at + eocdLength)..<(at + eocdLength + commentLength)]),
            isZip64: false
        )
        let needsZip64 = total == 0xFFFF || onDisk == 0xFFFF || records.centralDirectorySize == 0xFFFF_FFFF
            || records.centralDirectoryOffset == 0xFFFF_FFFF
        let eocdOffset = tailStart + UInt64(at)
        if eocdOffset >= 20, try readZip64(into: &records, file: file, eocdOffset: eocdOffset, findings: &findings) {
            records.isZip64 = true
        } else if needsZip64 {
            throw InputError(key: "zip.zip64.missing", message: "end record needs ZIP64 values but no ZIP64 locator exists")
        } else {
            guard disk == 0, cdDisk == 0, onDisk == total else {
                throw InputError(key: "zip.multi-disk", message: "split (multi-disk) archives are not supported")
            }
        }
        guard records.centralDirectoryOffset <= records.endStart,
              records.centralDirectorySize <= records.endStart - records.centralDirectoryOffset else {
            throw InputError(key: "zip.central-directory.bounds",
                             message: "central directory lies outside the file (offset \(records.centralDirectoryOffset), size \(records.centralDirectorySize))")
        }
        let gap = records.endStart - records.centralDirectoryOffset - records.centralDirectorySize
        if gap != 0 {
            findings.append(.error("zip.central-directory.gap",
                                   "\(gap) unlisted bytes lie between the central directory and the end record"))
        }
        return records
    }

    /// Reads the ZIP64 locator just before the classic record, then the ZIP64 end record.
    private static func readZip64(into records: inout EndRecords, file: RandomAccessFile, eocdOffset: UInt64,
                                  findings: inout [Finding]) throws -> Bool {
        let locator = try file.read(at: eocdOffset - 20, count: 20)
        guard locator.u32(0) == ZipSignature.zip64Locator else { return false }
        guard locator.u32(4) == 0, locator.u32(16) <= 1 else {
            throw InputError(key: "zip.multi-disk", message: "split (multi-disk) ZIP64 archives are not supported")
        }
        let offset = locator.u64(8)
        guard offset <= eocdOffset - 20, eocdOffset - 20 - offset >= 56 else {
            throw InputError(key: "zip.zip64.bounds", message: "ZIP64 end record offset \(offset) is out of bounds")
        }
        let record = try file.read(at: offset, count: 56)
        guard record.u32(0) == ZipSignature.zip64EndOfCentralDirectory else {
            throw InputError(key: "zip.zip64.signature", message: "ZIP64 locator points to no ZIP64 end record")
        }
        let recordSize = record.u64(4) + 12
        if offset + recordSize != eocdOffset - 20 {
            findings.append(.warning("zip.zip64.gap", "ZIP64 end record does not end at its locator"))
        }
        guard record.u32(16) == 0, record.u32(20) == 0, record.u64(24) == record.u64(32) else {
            throw InputError(key: "zip.multi-disk", message: "split (multi-disk) ZIP64 archives are not supported")
        }
        records.entryCount = record.u64(32)
        records.centralDirectorySize = record.u64(40)
        records.centralDirectoryOffset = record.u64(48)
        records.endStart = offset
        return true
    }
}
