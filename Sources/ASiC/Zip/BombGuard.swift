import Findings

/// Refuses archives whose declared sizes exceed the limits, before anything is inflated.
/// Streaming enforces the same declared sizes byte by byte, so a lying header cannot
/// inflate past them.
enum BombGuard {
    static func check(_ entries: [ZipEntry], limits: ZipLimits) throws {
        var total: UInt64 = 0
        for entry in entries {
            if entry.uncompressedSize > limits.maxEntrySize {
                throw InputError(key: "zip.bomb",
                                 message: "entry \"\(entry.name)\" would inflate to \(entry.uncompressedSize) bytes, more than the \(limits.maxEntrySize)-byte limit")
            }
            if entry.isStored && entry.compressedSize != entry.uncompressedSize {
                throw InputError(key: "zip.stored-size-mismatch",
                                 message: "stored entry \"\(entry.name)\" declares \(entry.compressedSize) bytes stored but \(entry.uncompressedSize) bytes of content")
            }
            if entry.uncompressedSize > limits.ratioThreshold {
                let ratio = entry.uncompressedSize / max(entry.compressedSize, 1)
                if ratio > limits.maxRatio {
                    throw InputError(key: "zip.bomb",
                                     message: "entry \"\(entry.name)\" has compression ratio \(ratio):1, above the limit of \(limits.maxRatio):1")
                }
            }
            let (sum, overflow) = total.addingReportingOverflow(entry.uncompressedSize)
            if overflow || sum > limits.maxTotalSize {
                throw InputError(key: "zip.bomb",
                                 message: "entries would inflate to more than the \(limits.maxTotalSize)-byte total limit")
            }
            total = sum
        }
    }
}
