import Findings

/// Cross-checks each local header (what stream readers such as Java's `ZipInputStream`, used by
/// DSS, see) against its central-directory entry (what `ZipFile` and minizip see). A container
/// whose two views differ can show different files to different validators.
enum LocalHeaderChecker {
    private static let headerLength = 30

    static func check(_ entries: inout [ZipEntry], in file: RandomAccessFile, centralDirectoryOffset: UInt64,
                      findings: inout [Finding]) throws {
        var spans: [(start: UInt64, end: UInt64, name: String)] = []
        spans.reserveCapacity(entries.count)
        for index in entries.indices {
            let entry = entries[index]
            let name = entry.name
            if entry.isEncrypted {
                throw InputError(key: "zip.encrypted", message: "entry \"\(name)\" is encrypted; encrypted containers are refused")
            }
            if entry.method != 0 && entry.method != 8 {
                throw InputError(key: "zip.unsupported-method",
                                 message: "entry \"\(name)\" uses compression method \(entry.method); only stored and deflate are allowed")
            }
            guard entry.localHeaderOffset <= centralDirectoryOffset,
                  centralDirectoryOffset - entry.localHeaderOffset >= UInt64(headerLength) else {
                throw InputError(key: "zip.local-header.bounds", message: "entry \"\(name)\" has its local header outside the data area")
            }
            let header = try file.read(at: entry.localHeaderOffset, count: headerLength)
            guard header.u32(0) == ZipSignature.localHeader else {
                throw InputError(key: "zip.local-header.missing",
                                 message: "no local header at offset \(entry.localHeaderOffset) for entry \"\(name)\"")
            }
            let nameLength = Int(header.u16(26))
            let extraLength = Int(header.u16(28))
            let variable = try file.read(at: entry.localHeaderOffset + UInt64(headerLength), count: nameLength + extraLength)
            let localName = Array(variable[0..<nameLength])
            let localExtra = Array(variable[nameLength...])
            let flags = header.u16(6)
            let method = header.u16(8)

            if localName != entry.rawName {
                findings.append(.error("zip.local-header.name-mismatch",
                                       "local header names \"\(ZipNameDecoder.decode(localName))\" but the central directory names \"\(name)\"; the central directory is used",
                                       subject: name))
            }
            findings += UnicodePathField.check(entry.centralExtra, of: entry, where: "central directory entry")
                + UnicodePathField.check(localExtra, of: entry, where: "local header")
            if method != entry.method {
                findings.append(.error("zip.local-header.method-mismatch",
                                       "local header says method \(method), central directory \(entry.method)", subject: name))
            }
            if flags & 0x0049 != entry.flags & 0x0049 {
                findings.append(.error("zip.local-header.flags-mismatch",
                                       "local header flags 0x\(String(flags, radix: 16)) differ from the central directory's 0x\(String(entry.flags, radix: 16))",
                                       subject: name))
            }
            let dataOffset = entry.localHeaderOffset + UInt64(headerLength + nameLength + extraLength)
            guard dataOffset <= centralDirectoryOffset, entry.compressedSize <= centralDirectoryOffset - dataOffset else {
                throw InputError(key: "zip.entry.bounds",
                                 message: "entry \"\(name)\" data (\(entry.compressedSize) bytes at \(dataOffset)) runs into the central directory")
            }
            var end = dataOffset + entry.compressedSize
            if flags & 0x0008 != 0 {
                end += try checkDescriptor(entry, at: end, limit: centralDirectoryOffset, in: file, findings: &findings)
            } else {
                checkSizes(entry, header: header, localExtra: localExtra, findings: &findings)
            }
            entries[index].localExtraLength = extraLength
            entries[index].dataOffset = dataOffset
            spans.append((entry.localHeaderOffset, end, name))
        }
        try checkLayout(spans, centralDirectoryOffset: centralDirectoryOffset, findings: &findings)
    }

    /// Without a data descriptor the local header must carry the same CRC and sizes.
    private static func checkSizes(_ entry: ZipEntry, header: [UInt8], localExtra: [UInt8], findings: inout [Finding]) {
        var compressed = UInt64(header.u32(18))
        var uncompressed = UInt64(header.u32(22))
        if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF,
           let zip64 = Zip64ExtraField(extra: localExtra, uncompressed: uncompressed == 0xFFFF_FFFF,
                                       compressed: compressed == 0xFFFF_FFFF, offset: false) {
            compressed = zip64.compressed ?? compressed
            uncompressed = zip64.uncompressed ?? uncompressed
        }
        if header.u32(14) != entry.crc32 || compressed != entry.compressedSize || uncompressed != entry.uncompressedSize {
            findings.append(.error("zip.local-header.size-mismatch",
                                   "local header CRC/sizes (\(hex(header.u32(14))), \(compressed), \(uncompressed)) differ from the central directory's (\(hex(entry.crc32)), \(entry.compressedSize), \(entry.uncompressedSize))",
                                   subject: entry.name))
        }
    }

    /// Reads the data descriptor after the data and compares it; returns its length.
    private static func checkDescriptor(_ entry: ZipEntry, at offset: UInt64, limit: UInt64, in file: RandomAccessFile,
                                        findings: inout [Finding]) throws -> UInt64 {
        let available = limit - offset
        let wide = entry.compressedSize >= 0xFFFF_FFFF || entry.uncompressedSize >= 0xFFFF_FFFF
        let bodyLength: UInt64 = wide ? 20 : 12
        guard available >= bodyLength else {
            throw InputError(key: "zip.data-descriptor.missing", message: "entry \"\(entry.name)\" has no room for its data descriptor")
        }
        let bytes = try file.read(at: offset, count: Int(min(available, bodyLength + 4)))
        let signed = bytes.u32(0) == ZipSignature.dataDescriptor && bytes.count >= Int(bodyLength) + 4
        let base = signed ? 4 : 0
        let crc = bytes.u32(base)
        let compressed = wide ? bytes.u64(base + 4) : UInt64(bytes.u32(base + 4))
        let uncompressed = wide ? bytes.u64(base + 12) : UInt64(bytes.u32(base + 8))
        if crc != entry.crc32 || compressed != entry.compressedSize || uncompressed != entry.uncompressedSize {
            findings.append(.error("zip.data-descriptor.mismatch",
                                   "data descriptor (\(hex(crc)), \(compressed), \(uncompressed)) differs from the central directory (\(hex(entry.crc32)), \(entry.compressedSize), \(entry.uncompressedSize))",
                                   subject: entry.name))
        }
        return bodyLength + (signed ? 4 : 0)
    }

    /// Entries must tile the data area: nothing before the first, no overlaps (quines, bombs
    /// that reuse data), and no unlisted bytes that a stream reader would see as hidden entries.
    private static func checkLayout(_ unsorted: [(start: UInt64, end: UInt64, name: String)], centralDirectoryOffset: UInt64,
                                    findings: inout [Finding]) throws {
        let spans = unsorted.sorted { $0.start < $1.start }
        var cursor: UInt64 = 0
        for (index, span) in spans.enumerated() {
            if span.start < cursor {
                throw InputError(key: "zip.overlapping-entries",
                                 message: "entry \"\(span.name)\" overlaps \"\(spans[index - 1].name)\"")
            }
            if span.start > cursor {
                if index == 0 {
                    throw InputError(key: "zip.prepended-data",
                                     message: "\(span.start) unknown bytes precede the first zip entry")
                }
                findings.append(.error("zip.unlisted-data",
                                       "\(span.start - cursor) unlisted bytes lie before entry \"\(span.name)\"", subject: span.name))
            }
            cursor = span.end
        }
        if cursor < centralDirectoryOffset {
            if spans.isEmpty {
                throw InputError(key: "zip.prepended-data", message: "\(centralDirectoryOffset) unknown bytes precede the central directory")
            }
            findings.append(.error("zip.unlisted-data",
                                   "\(centralDirectoryOffset - cursor) unlisted bytes lie before the central directory"))
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
