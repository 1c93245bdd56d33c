import Dispatch

extension ZipArchive {
    /// Stored entries at least this large are read in 1 MiB slices whose CRC-32 is computed on
    /// another thread while the sink (a SHA-256) digests them: one core does both at about three
    /// quarters of what `openssl dgst` alone reaches, two keep up with it.
    static let parallelCRCThreshold: UInt64 = 8 << 20

    /// Streams a stored entry of `entry.compressedSize` bytes through `sink` and returns the CRC-32
    /// of what it read. The CRC thread reads each slice while the sink does (both only read it); a
    /// slice is refilled only after its CRC is done, and nothing is freed before every CRC is.
    func streamStoredInParallel(_ entry: ZipEntry, _ sink: (UnsafeRawBufferPointer) throws -> Void) throws -> UInt32 {
        let sliceSize = 1 << 20, slices = 3
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: sliceSize * slices, alignment: 64)
        defer { buffer.deallocate() }
        let free = (0..<slices).map { _ in DispatchSemaphore(value: 1) }
        let queue = DispatchQueue(label: "asic.zip.crc32")
        let state = CRCState()
        // Runs before the deallocation above: no CRC may still be reading the buffer.
        defer { queue.sync {} }
        var offset = entry.dataOffset
        var remaining = entry.compressedSize
        var index = 0
        while remaining > 0 {
            let slot = index % slices
            free[slot].wait()
            let want = Int(min(UInt64(sliceSize), remaining))
            let slice = UnsafeMutableRawBufferPointer(rebasing: buffer[slot * sliceSize ..< slot * sliceSize + want])
            let got: Int
            do { got = try file.read(at: offset, into: slice) } catch { free[slot].signal(); throw error }
            guard got == want else {
                free[slot].signal()
                throw ZipReadError(key: "zip.truncated", message: "stored data is truncated", entry: entry.name)
            }
            let bytes = SharedSlice(bytes: UnsafeRawBufferPointer(slice))
            let done = free[slot]
            queue.async {
                state.crc.update(bytes.bytes)
                done.signal()
            }
            try sink(bytes.bytes)
            offset += UInt64(got)
            remaining -= UInt64(got)
            index += 1
        }
        queue.sync {}
        return state.crc.value
    }
}

/// The running CRC, touched only on the CRC queue (and read after it drained).
private final class CRCState: @unchecked Sendable {
    var crc = CRC32()
}

/// A slice of the read buffer handed to the CRC queue; the semaphores keep it alive and unchanged
/// until that queue is done with it.
private struct SharedSlice: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
}
