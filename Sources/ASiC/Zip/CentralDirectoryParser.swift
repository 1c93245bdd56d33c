import Findings

/// Parses the central directory into entries, resolving ZIP64 extended information.
enum CentralDirectoryParser {
    private static let headerLength = 46

    static func parse(_ bytes: [UInt8], expected: UInt64, findings: inout [Finding]) throws -> [ZipEntry] {
        var entries: [ZipEntry] = []
        entries.reserveCapacity(Int(min(expected, 100_000)))
        var at = 0
        while UInt64(entries.count) < expected {
            guard at + headerLength <= bytes.count, bytes.u32(at) == ZipSignature.centralHeader else {
                throw InputError(key: "zip.central-directory.corrupt",
                                 message: "central directory entry \(entries.count + 1) of \(expected) is missing or corrupt")
            }
            let nameLength = Int(bytes.u16(at + 28))
            let extraLength = Int(bytes.u16(at + 30))
            let commentLength = Int(bytes.u16(at + 32))
            let end = at + headerLength + nameLength + extraLength + commentLength
            guard end <= bytes.count else {
                throw InputError(key: "zip.central-directory.corrupt",
                                 message: "central directory entry \(entries.count + 1) runs past the directory")
            }
            let nameStart = at + headerLength
            let rawName = Array(bytes[nameStart..<(nameStart + nameLength)])
            let extra = Array(bytes[(nameStart + nameLength)..<(nameStart + nameLength + extraLength)])
            let comment = Array(bytes[(end - commentLength)..<end])
            var compressed = UInt64(bytes.u32(at + 20))
            var uncompressed = UInt64(bytes.u32(at + 24))
            var offset = UInt64(bytes.u32(at + 42))
            let diskStart = bytes.u16(at + 34)
            if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || offset == 0xFFFF_FFFF || diskStart == 0xFFFF {
                let name = ZipNameDecoder.decode(rawName)
                guard let zip64 = Zip64ExtraField(extra: extra, uncompressed: uncompressed == 0xFFFF_FFFF,
                                                  compressed: compressed == 0xFFFF_FFFF,
                                                  offset: offset == 0xFFFF_FFFF) else {
                    throw InputError(key: "zip.zip64.extra",
                                     message: "entry \"\(name)\" needs ZIP64 sizes but has no valid ZIP64 extra field")
                }
                uncompressed = zip64.uncompressed ?? uncompressed
                compressed = zip64.compressed ?? compressed
                offset = zip64.offset ?? offset
            } else if diskStart != 0 {
                throw InputError(key: "zip.multi-disk", message: "split (multi-disk) archives are not supported")
            }
            entries.append(ZipEntry(
                index: entries.count,
                rawName: rawName,
                name: ZipNameDecoder.decode(rawName),
                versionMadeBy: bytes.u16(at + 4),
                flags: bytes.u16(at + 8),
                method: bytes.u16(at + 10),
                crc32: bytes.u32(at + 16),
                compressedSize: compressed,
                uncompressedSize: uncompressed,
                localHeaderOffset: offset,
                centralExtra: extra,
                comment: comment,
                externalAttributes: bytes.u32(at + 38)
            ))
            at = end
        }
        if at != bytes.count {
            findings.append(.error("zip.central-directory.extra-bytes",
                                   "central directory has \(bytes.count - at) bytes beyond its \(expected) entries"))
        }
        return entries
    }
}

/// The ZIP64 extended information extra field (header 0x0001): only the values whose
/// 32-bit fields are saturated are present, in a fixed order.
struct Zip64ExtraField {
    var uncompressed: UInt64?
    var compressed: UInt64?
    var offset: UInt64?

    init?(extra: [UInt8], uncompressed wantsUncompressed: Bool, compressed wantsCompressed: Bool, offset wantsOffset: Bool) {
        var at = 0
        while at + 4 <= extra.count {
            let id = extra.u16(at)
            let length = Int(extra.u16(at + 2))
            guard at + 4 + length <= extra.count else { return nil }
            if id == 0x0001 {
                var field = at + 4
                let end = field + length
                func next() -> UInt64? {
                    guard field + 8 <= end else { return nil }
                    defer { field += 8 }
                    return extra.u64(field)
                }
                if wantsUncompressed { guard let value = next() else { return nil }; uncompressed = value }
                if wantsCompressed { guard let value = next() else { return nil }; compressed = value }
                if wantsOffset { guard let value = next() else { return nil }; offset = value }
                return
            }
            at += 4 + length
        }
        return nil
    }
}
