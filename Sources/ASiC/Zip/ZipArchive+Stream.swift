import Findings

extension ZipArchive {
    /// Streams the content of `entry` through `sink` in chunks of at most `chunkSize` bytes,
    /// inflating as it goes. Never produces more than the declared size, and checks the size and
    /// CRC-32 at the end: a sink only sees bytes of an entry that will be reported intact or
    /// throw ``ZipReadError``.
    public func stream(_ entry: ZipEntry, chunkSize: Int = 1 << 16,
                       _ sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        var crc = CRC32()
        var produced: UInt64 = 0
        let declared = entry.uncompressedSize
        let input = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { input.deallocate() }
        var offset = entry.dataOffset
        var remaining = entry.compressedSize

        func emit(_ bytes: UnsafeRawBufferPointer) throws {
            produced += UInt64(bytes.count)
            if produced > declared {
                throw ZipReadError(key: "zip.size-mismatch",
                                   message: "inflates to more than the declared \(declared) bytes", entry: entry.name)
            }
            crc.update(bytes)
            try sink(bytes)
        }

        if entry.isStored, entry.compressedSize >= Self.parallelCRCThreshold, entry.compressedSize <= declared {
            // Large stored data: CRC-32 on a second thread (the size cannot exceed the declared one).
            let value = try streamStoredInParallel(entry, sink)
            produced = entry.compressedSize
            crc = CRC32(value: value)
        } else if entry.isStored {
            while remaining > 0 {
                let want = Int(min(UInt64(chunkSize), remaining))
                let got = try file.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: input[0..<want]))
                guard got == want else {
                    throw ZipReadError(key: "zip.truncated", message: "stored data is truncated", entry: entry.name)
                }
                try emit(UnsafeRawBufferPointer(rebasing: input[0..<got]))
                offset += UInt64(got)
                remaining -= UInt64(got)
            }
        } else {
            let output = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
            defer { output.deallocate() }
            let inflater: Inflater
            do { inflater = try Inflater() } catch { throw error.naming(entry.name) }
            var buffered = 0
            var start = 0
            var finished = false
            while !finished {
                if start == buffered && remaining > 0 {
                    let want = Int(min(UInt64(chunkSize), remaining))
                    let got = try file.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: input[0..<want]))
                    guard got == want else {
                        throw ZipReadError(key: "zip.truncated", message: "compressed data is truncated", entry: entry.name)
                    }
                    offset += UInt64(got)
                    remaining -= UInt64(got)
                    buffered = got
                    start = 0
                }
                var consumed = 0
                let step: Inflater.Step
                do {
                    step = try inflater.inflate(input: UnsafeRawBufferPointer(rebasing: input[start..<buffered]),
                                                output: output, consumed: &consumed)
                } catch {
                    throw error.naming(entry.name)
                }
                start += consumed
                switch step {
                case let .end(count):
                    try emit(UnsafeRawBufferPointer(rebasing: output[0..<count]))
                    finished = true
                    // The entry's compressed bytes are the stream and nothing else: bytes after the
                    // end marker would be data in the archive that no reader shows (or another
                    // reader would read).
                    let left = UInt64(buffered - start) + remaining
                    guard left == 0 else {
                        throw ZipReadError(key: "zip.deflate.trailing",
                                           message: "\(left) bytes follow the end of the deflate stream inside the entry", entry: entry.name)
                    }
                case let .progress(count):
                    try emit(UnsafeRawBufferPointer(rebasing: output[0..<count]))
                    // No progress with input left means zlib is stuck; with none left, the stream is cut short.
                    if count == 0 && consumed == 0 && !(start == buffered && remaining > 0) {
                        if start == buffered {
                            throw ZipReadError(key: "zip.deflate.truncated",
                                               message: "deflate stream ends before its end marker", entry: entry.name)
                        }
                        throw ZipReadError(key: "zip.deflate.corrupt", message: "deflate stream makes no progress", entry: entry.name)
                    }
                }
            }
        }
        guard produced == declared else {
            throw ZipReadError(key: "zip.size-mismatch",
                               message: "inflates to \(produced) bytes, the central directory declares \(declared)", entry: entry.name)
        }
        guard crc.value == entry.crc32 else {
            throw ZipReadError(key: "zip.crc-mismatch",
                               message: "CRC-32 mismatch (content \(String(crc.value, radix: 16)), declared \(String(entry.crc32, radix: 16)))",
                               entry: entry.name)
        }
    }

    /// Reads a whole small entry (manifest, signature file, timestamp token) into memory,
    /// refusing anything larger than `limit` bytes (default ``ZipLimits/maxMetadataSize``).
    public func contents(of entry: ZipEntry, limit: Int? = nil) throws -> [UInt8] {
        let cap = limit ?? limits.maxMetadataSize
        guard entry.uncompressedSize <= UInt64(cap) else {
            throw ZipReadError(key: "zip.entry-too-large",
                               message: "is \(entry.uncompressedSize) bytes, more than the \(cap)-byte limit for metadata",
                               entry: entry.name)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(entry.uncompressedSize))
        try stream(entry) { bytes.append(contentsOf: $0) }
        return bytes
    }
}
