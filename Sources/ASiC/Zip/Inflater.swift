internal import CZlib

/// Owns a zlib raw-deflate (window bits −15) inflate stream.
final class Inflater {
    private let stream: UnsafeMutablePointer<z_stream>

    init() throws(ZipReadError) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        guard czlib_inflateInit2(stream, -15) == Z_OK else {
            stream.deallocate()
            throw ZipReadError(key: "zip.deflate.init", message: "cannot initialise zlib", entry: "")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    enum Step {
        /// Bytes were produced or input consumed; call again.
        case progress(produced: Int)
        /// The deflate stream ended.
        case end(produced: Int)
    }

    /// Runs one inflate call from `input` into `output`; returns how many input bytes were consumed.
    func inflate(input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer,
                 consumed: inout Int) throws(ZipReadError) -> Step {
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(output.count)
        let status = CZlib.inflate(stream, Z_NO_FLUSH)
        consumed = input.count - Int(stream.pointee.avail_in)
        let produced = output.count - Int(stream.pointee.avail_out)
        switch status {
        case Z_STREAM_END:
            return .end(produced: produced)
        case Z_OK:
            return .progress(produced: produced)
        case Z_BUF_ERROR:
            // No progress possible: the caller decides whether input ran out (truncated).
            return .progress(produced: produced)
        default:
            let reason = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
            throw ZipReadError(key: "zip.deflate.corrupt", message: "corrupt deflate data: \(reason)", entry: "")
        }
    }
}

/// CRC-32 (zlib's, the ZIP polynomial), updated incrementally.
struct CRC32 {
    private(set) var value: UInt32 = 0

    init(value: UInt32 = 0) {
        self.value = value
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        value = UInt32(truncatingIfNeeded: crc32(uLong(value), base.assumingMemoryBound(to: Bytef.self), uInt(bytes.count)))
    }
}
